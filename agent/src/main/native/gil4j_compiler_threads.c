/*
 * Puts the JVM's JIT compiler threads under SCHED_IDLE (the agent's compilerThreads=idle), so that
 * they run on cores nothing else wants and never delay a program thread's wake-up.
 *
 * Why: the GIL makes wake-up latency part of the program's throughput. In the convoy, a CPU-bound
 * thread that gave the GIL up is signalled when the I/O thread releases it for its socket call; it
 * must run before that call returns (tens of microseconds), or the I/O thread takes the free GIL
 * back and runs round trips without it. With more runnable threads than cores, Linux queues the
 * woken thread behind whatever runs on its core until the next tick (4 ms at HZ=250). On a small
 * machine a compiler thread is that third thread, in the first seconds of contention when the JIT
 * compiles the paths contention makes hot (the lock's slow paths, the hooks' released branches).
 * CPython has no such threads. Measured on a 2-vCPU VM: docs/design.md section 7.
 *
 * The compiler threads are found by name in /proc/self/task (HotSpot names them "C1 CompilerThread<n>",
 * "C2 CompilerThread<n>", "JVMCI CompilerThread<n>"; the kernel keeps 15 bytes). Threads HotSpot adds
 * later are started by a compiler thread and inherit its policy (pthread's default is to inherit);
 * the agent scans again from time to time in case one was not.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int is_compiler_thread(const char *tid) {
    char path[64], comm[32];
    int fd, n;
    if (snprintf(path, sizeof path, "/proc/self/task/%s/comm", tid) >= (int) sizeof path) return 0;
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) return 0; /* the thread ended meanwhile */
    n = (int) read(fd, comm, sizeof comm - 1);
    close(fd);
    if (n <= 0) return 0;
    comm[n] = '\0';
    return strstr(comm, "CompilerThre") != NULL;
}

/*
 * Returns how many compiler threads this call moved to SCHED_IDLE (those already there are not
 * counted), or -errno: of opening /proc/self/task, or of the first sched_setscheduler that failed.
 */
JNIEXPORT jint JNICALL Java_io_gil4j_bootstrap_CompilerThreads_idle0(JNIEnv *env, jclass cls) {
    DIR *tasks = opendir("/proc/self/task");
    struct dirent *entry;
    struct sched_param param;
    int moved = 0, error = 0;
    (void) env;
    (void) cls;
    if (tasks == NULL) return -errno;
    memset(&param, 0, sizeof param);
    while ((entry = readdir(tasks)) != NULL) {
        pid_t tid;
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9' || !is_compiler_thread(entry->d_name)) continue;
        tid = (pid_t) atoi(entry->d_name);
        if (sched_getscheduler(tid) == SCHED_IDLE) continue;
        if (sched_setscheduler(tid, SCHED_IDLE, &param) == 0) {
            moved++;
        } else if (errno != ESRCH && error == 0) {
            error = errno;
        }
    }
    closedir(tasks);
    return error != 0 ? -error : moved;
}
