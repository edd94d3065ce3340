/*
 * gil4j's JVMTI helper: releases the GIL around the blocking that Java code cannot see from the
 * inside, exactly where the JVM blocks, as CPython releases it around a blocking lock acquire.
 *
 * - MonitorContendedEnter/Entered: a thread is about to block entering a `synchronized` that another
 *   thread owns, and later got it. Without this helper a holder blocked there keeps the GIL until the
 *   safety net's probe notices (docs/design.md section 4).
 * - MonitorWait/MonitorWaited: Object.wait, including the native wait(long) that Advice cannot reach
 *   and that Thread.join uses.
 *
 * Every callback calls one static method of io.gil4j.bootstrap.MonitorHooks, which does the GIL
 * work in Java. The JVM allows JNI calls, Java code included, from these callbacks. A thread's
 * callback never nests: Java code run from a callback that itself contends for a monitor (class
 * loading, say) must not call back in again, so a thread-local flag turns the nested events away.
 *
 * The events cost nothing on uncontended paths: HotSpot posts them only from its monitor slow paths.
 */
#include <jni.h>
#include <jvmti.h>
#include <string.h>

static jclass hooks;
static jmethodID on_block, on_unblock;
static __thread int in_callback;

static void call(JNIEnv *env, jmethodID method, jint kind) {
    if (in_callback) return;
    in_callback = 1;
    (*env)->CallStaticVoidMethod(env, hooks, method, kind);
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env); /* the hooks never throw; be sure */
    in_callback = 0;
}

/* kind 0: monitor enter, 1: Object.wait (MonitorHooks.ENTER / MonitorHooks.WAIT) */
static void JNICALL contended_enter(jvmtiEnv *jvmti, JNIEnv *env, jthread thread, jobject object) {
    call(env, on_block, 0);
}

static void JNICALL contended_entered(jvmtiEnv *jvmti, JNIEnv *env, jthread thread, jobject object) {
    call(env, on_unblock, 0);
}

static void JNICALL wait_begin(jvmtiEnv *jvmti, JNIEnv *env, jthread thread, jobject object, jlong timeout) {
    call(env, on_block, 1);
}

static void JNICALL wait_end(jvmtiEnv *jvmti, JNIEnv *env, jthread thread, jobject object, jboolean timed_out) {
    call(env, on_unblock, 1);
}

/*
 * Returns 0 when the events are on, otherwise a code: 1 no JVMTI, 1000 + the JVMTI error of
 * AddCapabilities (the JVM cannot give monitor events now), 2000 + error of SetEventCallbacks,
 * 3000 + error of SetEventNotificationMode, 4 the hook methods are missing.
 */
JNIEXPORT jint JNICALL Java_io_gil4j_bootstrap_MonitorHooks_install0(JNIEnv *env, jclass cls) {
    JavaVM *vm;
    jvmtiEnv *jvmti;
    jvmtiError err;
    jvmtiCapabilities caps;
    jvmtiEventCallbacks callbacks;
    jvmtiEvent events[] = {JVMTI_EVENT_MONITOR_CONTENDED_ENTER, JVMTI_EVENT_MONITOR_CONTENDED_ENTERED,
                           JVMTI_EVENT_MONITOR_WAIT, JVMTI_EVENT_MONITOR_WAITED};

    if ((*env)->GetJavaVM(env, &vm) != JNI_OK) return 1;
    if ((*vm)->GetEnv(vm, (void **) &jvmti, JVMTI_VERSION_1_2) != JNI_OK) return 1;
    on_block = (*env)->GetStaticMethodID(env, cls, "blocking", "(I)V");
    on_unblock = (*env)->GetStaticMethodID(env, cls, "unblocked", "(I)V");
    if (on_block == NULL || on_unblock == NULL) {
        (*env)->ExceptionClear(env);
        return 4;
    }
    hooks = (jclass) (*env)->NewGlobalRef(env, cls);

    memset(&caps, 0, sizeof caps);
    caps.can_generate_monitor_events = 1;
    if ((err = (*jvmti)->AddCapabilities(jvmti, &caps)) != JVMTI_ERROR_NONE) return 1000 + err;

    memset(&callbacks, 0, sizeof callbacks);
    callbacks.MonitorContendedEnter = contended_enter;
    callbacks.MonitorContendedEntered = contended_entered;
    callbacks.MonitorWait = wait_begin;
    callbacks.MonitorWaited = wait_end;
    if ((err = (*jvmti)->SetEventCallbacks(jvmti, &callbacks, sizeof callbacks)) != JVMTI_ERROR_NONE) return 2000 + err;
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        if ((err = (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, events[i], NULL)) != JVMTI_ERROR_NONE) {
            return 3000 + err;
        }
    }
    return 0;
}
