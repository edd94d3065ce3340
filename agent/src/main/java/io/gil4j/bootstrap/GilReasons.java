package io.gil4j.bootstrap;

/**
 * The small vocabularies shared by the core and the JFR events: why a thread waited, why a hold
 * ended, and what kind of blocking point a release was for. Ints on the hot paths, names in events;
 * the names are the JFR contract (docs/events.md, io.gil4j.contract.EventContract) and must not change.
 */
public final class GilReasons {
    private GilReasons() { }

    public static final int WAIT_ENTRY = 0;
    public static final int WAIT_IO_RETURN = 1;
    public static final int WAIT_SWITCH = 2;
    public static final int WAIT_REVOKED = 3;
    public static final int WAIT_COUNT = 4;
    private static final String[] WAIT_NAMES = {"entry", "io-return", "switch", "revoked"};

    public static final int END_DROP_REQUEST = 0;
    public static final int END_BLOCKING = 1;
    public static final int END_EXIT = 2;
    public static final int END_REVOKED = 3;
    public static final int END_COUNT = 4;
    private static final String[] END_NAMES = {"drop-request", "blocking", "exit", "revoked"};

    public static final int KIND_IO = 0;
    public static final int KIND_SLEEP = 1;
    public static final int KIND_LOCK = 2;
    public static final int KIND_WAIT = 3;
    public static final int KIND_USER = 4;
    public static final int KIND_COUNT = 5;
    private static final String[] KIND_NAMES = {"io", "sleep", "lock", "wait", "user"};

    public static String waitReason(int reason) { return WAIT_NAMES[reason]; }

    public static String endReason(int reason) { return END_NAMES[reason]; }

    public static String kind(int kind) { return KIND_NAMES[kind]; }

    /** The kind for a name, or -1: used when parsing {@code release=} options. */
    public static int kindOf(String name) {
        for (int i = 0; i < KIND_NAMES.length; i++) {
            if (KIND_NAMES[i].equals(name)) return i;
        }
        return -1;
    }
}
