package io.gil4j.reliability.work;

import io.gil4j.reliability.gen.Gen;
import io.gil4j.reliability.gen.Gen.Op;
import io.gil4j.testkit.server.EchoServer;
import io.gil4j.testkit.work.Countdown;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one fixed interpreter of {@link Gen}'s random programs, instrumented. {@code Interp SEED...}
 * runs each seed's program and prints {@code seed=S result=R}: R adds up per-operation results that
 * do not depend on timing (checksums, counters), so it must be the same with and without the agent.
 */
public final class Interp {
    private final Object[] monitors = new Object[Gen.LOCKS];
    private final ReentrantLock[] locks = new ReentrantLock[Gen.LOCKS];
    private final long[] syncShared = new long[Gen.LOCKS];
    private final long[] lockShared = new long[Gen.LOCKS];
    private final ConcurrentHashMap<Integer, Long> map = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicInteger files = new AtomicInteger();
    private final Path dir;
    /** The peer of the programs' socket operations: the test kit's, outside include=, as another process would be. */
    private final EchoServer server;
    private final List<Throwable> failures = new ArrayList<>();

    Interp(Path dir) throws IOException {
        this.dir = dir;
        for (int i = 0; i < Gen.LOCKS; i++) {
            monitors[i] = new Object();
            locks[i] = new ReentrantLock();
        }
        server = new EchoServer();
    }

    /** CPU-bound work between blocking points: the tests' one countdown, n steps from n. */
    static long spin(long n) {
        return Countdown.lcg(n, n);
    }

    /** Per interpreter thread: its loopback connection, opened on first use. */
    final class Ctx {
        Socket socket;
        DataInputStream in;
        OutputStream out;
        final List<Thread> joinLater = new ArrayList<>();

        void close() throws IOException {
            if (socket != null) socket.close();
        }
    }

    void runThread(List<Op> ops) {
        Ctx c = new Ctx();
        try {
            for (Op op : ops) total.addAndGet(exec(op, c));
            for (Thread t : c.joinLater) t.join();
            c.close();
        } catch (Throwable e) {
            synchronized (failures) {
                failures.add(e);
            }
        }
    }

    long exec(Op op, Ctx c) throws Exception {
        switch (op.kind) {
            case Gen.CPU:
                return spin(op.a * 1000L);
            case Gen.SYNC:
                synchronized (monitors[op.a]) {
                    long before = syncShared[op.a];
                    spin(op.b * 100L);
                    syncShared[op.a] = before + op.b;
                }
                return op.b;
            case Gen.RLOCK:
                locks[op.a].lock();
                try {
                    long before = lockShared[op.a];
                    spin(op.b * 100L);
                    lockShared[op.a] = before + op.b;
                } finally {
                    locks[op.a].unlock();
                }
                return 3L * op.b;
            case Gen.WAIT: {
                Object o = new Object();
                synchronized (o) {
                    o.wait(op.a + 1L); // nobody notifies: a timed wait that always times out
                }
                return 5;
            }
            case Gen.FILE: {
                byte[] data = new byte[op.a];
                for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 + op.a);
                Path f = dir.resolve("f" + files.incrementAndGet());
                Files.write(f, data);
                byte[] back = Files.readAllBytes(f);
                Files.delete(f);
                return Arrays.hashCode(back);
            }
            case Gen.SOCKET: {
                if (c.socket == null) {
                    c.socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    c.socket.setTcpNoDelay(true);
                    c.in = new DataInputStream(c.socket.getInputStream());
                    c.out = c.socket.getOutputStream();
                }
                byte[] data = new byte[op.a];
                for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7 + op.a);
                c.out.write(data);
                c.out.flush();
                byte[] back = new byte[op.a];
                c.in.readFully(back);
                return Arrays.hashCode(back) * 3L;
            }
            case Gen.SPAWN: {
                Thread t = new Thread(() -> runThread(op.sub), "spawned");
                t.start();
                if (op.b == 0) t.join();
                else c.joinLater.add(t);
                return 11;
            }
            case Gen.SLEEP:
                Thread.sleep(op.a);
                return 13;
            case Gen.MERGE:
                map.merge(op.a, (long) op.b, Long::sum);
                return 17;
            default:
                throw new IllegalStateException("op " + op);
        }
    }

    long run(long seed) throws Exception {
        List<List<Op>> program = Gen.program(seed);
        List<Thread> ts = new ArrayList<>();
        for (List<Op> ops : program) {
            Thread t = new Thread(() -> runThread(ops), "interp");
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) t.join();
        if (!failures.isEmpty()) throw new RuntimeException("seed " + seed + ": " + failures.size() + " thread(s) failed", failures.get(0));
        long r = total.get();
        for (int i = 0; i < Gen.LOCKS; i++) r = r * 31 + syncShared[i] * 7 + lockShared[i];
        for (var e : new java.util.TreeMap<>(map).entrySet()) r = r * 31 + e.getKey() * 1000 + e.getValue();
        return r;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("gil-interp");
        try {
            for (String a : args) {
                long seed = Long.parseLong(a);
                Interp in = new Interp(dir);
                long r;
                try {
                    r = in.run(seed);
                } finally {
                    in.server.close();
                }
                System.out.println("seed=" + seed + " result=" + r);
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }
}
