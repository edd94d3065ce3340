package io.gil4j.bootstrap;

/**
 * Stand-ins for the JDK's blocking calls that cannot take Advice on every JDK (they are native on
 * JDK 17). The agent rewrites call sites in instrumented code, {@code Thread.sleep(ms)} becoming
 * {@code Blocking.sleep(ms)}: same arguments, same exceptions, same result, but the GIL is released
 * for the duration of the call, as CPython's {@code time.sleep} and {@code Lock.acquire} do.
 */
public final class Blocking {
    private Blocking() { }

    private static final String SLEEP = "java.lang.Thread.sleep";
    private static final String WAIT = "java.lang.Object.wait";
    private static final String JOIN = "java.lang.Thread.join";

    public static void sleep(long millis) throws InterruptedException {
        boolean released = Gil.beginBlocking(SLEEP, GilReasons.KIND_SLEEP);
        try {
            Thread.sleep(millis);
        } finally {
            Gil.endBlocking(released);
        }
    }

    public static void sleep(long millis, int nanos) throws InterruptedException {
        boolean released = Gil.beginBlocking(SLEEP, GilReasons.KIND_SLEEP);
        try {
            Thread.sleep(millis, nanos);
        } finally {
            Gil.endBlocking(released);
        }
    }

    public static void wait(Object monitor) throws InterruptedException {
        boolean released = Gil.beginBlocking(WAIT, GilReasons.KIND_WAIT);
        try {
            monitor.wait();
        } finally {
            Gil.endBlocking(released);
        }
    }

    public static void wait(Object monitor, long millis) throws InterruptedException {
        boolean released = Gil.beginBlocking(WAIT, GilReasons.KIND_WAIT);
        try {
            monitor.wait(millis);
        } finally {
            Gil.endBlocking(released);
        }
    }

    public static void wait(Object monitor, long millis, int nanos) throws InterruptedException {
        boolean released = Gil.beginBlocking(WAIT, GilReasons.KIND_WAIT);
        try {
            monitor.wait(millis, nanos);
        } finally {
            Gil.endBlocking(released);
        }
    }

    public static void join(Thread thread) throws InterruptedException {
        boolean released = Gil.beginBlocking(JOIN, GilReasons.KIND_WAIT);
        try {
            thread.join();
        } finally {
            Gil.endBlocking(released);
        }
    }

    public static void join(Thread thread, long millis) throws InterruptedException {
        boolean released = Gil.beginBlocking(JOIN, GilReasons.KIND_WAIT);
        try {
            thread.join(millis);
        } finally {
            Gil.endBlocking(released);
        }
    }

    public static void join(Thread thread, long millis, int nanos) throws InterruptedException {
        boolean released = Gil.beginBlocking(JOIN, GilReasons.KIND_WAIT);
        try {
            thread.join(millis, nanos);
        } finally {
            Gil.endBlocking(released);
        }
    }
}
