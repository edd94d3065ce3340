package io.gil4j.analyzer.read;

import io.gil4j.analyzer.read.ChunkMetadata.Type;

/**
 * Hold, release and wait events (nearly all of a recording) decoded into columns, then handed to the
 * sink in a loop of their own. Why two loops: with the sink called from the decoding loop, the JIT
 * compiled the decoder and the whole model as one unit (~0.3 s of C2 time, more than decoding a million
 * events) and compiled it again whenever a rarely taken branch of the model deoptimized it; apart, each
 * loop is a small unit and a deoptimization in the model recompiles only {@link #flush}.
 * Events keep their file order: the decoder flushes before it delivers any other event.
 */
final class EventBatch {
    static final int CAPACITY = 128;

    private final GilEventSink sink;
    private final ConstantPools pools;
    private final byte[] code = new byte[CAPACITY];
    private final long[] threadKey = new long[CAPACITY];
    private final Type[] threadType = new Type[CAPACITY];
    private final long[] start = new long[CAPACITY];
    private final long[] duration = new long[CAPACITY];
    private final String[] string1 = new String[CAPACITY];
    private final String[] string2 = new String[CAPACITY];
    private final long[] number = new long[CAPACITY];
    private final Type[] stackType = new Type[CAPACITY];
    private final long[] stackKey = new long[CAPACITY];
    private int size;
    private long lastThreadKey = -1;
    private Type lastThreadType;
    private ThreadRef lastThread;
    private long lastStackKey = -1;
    private Type lastStackType;
    private StackKey lastStack;

    EventBatch(GilEventSink sink, ConstantPools pools) {
        this.sink = sink;
        this.pools = pools;
    }

    /**
     * Adds an event of a batched plan as the decoder read it (the raw pool keys and number, the
     * strings); true when the batch is full and must be flushed.
     */
    boolean add(EventPlan p, long startNanos, long durationNanos, long threadKey, long stackKey, long number,
                String s1, String s2) {
        int i = size++;
        code[i] = (byte) p.code;
        this.threadKey[i] = threadKey;
        threadType[i] = p.threadType;
        start[i] = startNanos;
        duration[i] = durationNanos;
        string1[i] = s1;
        string2[i] = s2;
        this.number[i] = p.batchNumber < 0 ? 0 : EventPlan.narrow(number, p.numberKind);
        stackType[i] = p.stackType;
        this.stackKey[i] = stackKey;
        return size == CAPACITY;
    }

    /** Delivers the batched events in order and empties the batch. */
    void flush() {
        for (int i = 0; i < size; i++) {
            ThreadRef t = thread(threadType[i], threadKey[i]);
            int c = code[i];
            if (c == EventPlan.HOLD) {
                sink.holdEvent(t, start[i], duration[i], string1[i], number[i]);
            } else if (c == EventPlan.RELEASE) {
                sink.releaseEvent(t, start[i], duration[i], string1[i], string2[i]);
            } else {
                sink.waitEvent(t, start[i], duration[i], string1[i], (int) number[i], stack(i));
            }
            string1[i] = null; // no references kept past the flush
            string2[i] = null;
        }
        size = 0;
    }

    private StackKey stack(Type type, long key) {
        if (key == lastStackKey && type == lastStackType && lastStack != null) {
            return lastStack;
        }
        StackKey k = pools.pooledStack(type, key);
        lastStackKey = key;
        lastStackType = type;
        lastStack = k;
        return k;
    }

    private ThreadRef thread(Type type, long key) {
        // JFR writes per-thread buffers, so consecutive events usually come from the same thread
        if (key == lastThreadKey && type == lastThreadType && lastThread != null) {
            return lastThread;
        }
        ThreadRef ref = pools.pooledThread(type, key);
        lastThreadKey = key;
        lastThreadType = type;
        lastThread = ref;
        return ref;
    }

    private StackKey stack(int i) {
        return stackType[i] == null ? StackKey.NONE : stack(stackType[i], stackKey[i]);
    }
}
