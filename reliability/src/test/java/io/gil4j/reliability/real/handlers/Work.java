package io.gil4j.reliability.real.handlers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the handlers of {@code RealServers} do, shared by the Jetty and the Netty handler; runs under the GIL
 * (this package is in the agent's include list). Every answer is a deterministic function of the request.
 */
public final class Work {
    /** The monitor that {@code /lock} handlers contend for; held across a sleep, so other handlers block on it. */
    private static final Object LOCK = new Object();
    private static long lockEntries;

    private Work() { }

    /** The body for a request {@code path?query}; {@code slowPort} is the port of the slow echo server. */
    public static String answer(String path, String query, int slowPort) throws IOException, InterruptedException {
        long arg = param(query);
        switch (path) {
            case "/cpu": return Long.toString(cpu((int) arg));
            case "/io": return io((int) arg, slowPort);
            case "/lock": return locked((int) arg);
            default: throw new IllegalArgumentException("no such endpoint: " + path);
        }
    }

    /** The single numeric query parameter of {@code n=..} / {@code ms=..} / {@code k=..}. */
    static long param(String query) {
        if (query == null) throw new IllegalArgumentException("missing query");
        int eq = query.indexOf('=');
        int amp = query.indexOf('&');
        return Long.parseLong(query.substring(eq + 1, amp < 0 ? query.length() : amp));
    }

    /** CPU work: an int LCG loop of {@code n} steps, and a word count (HashMap) over every 64th step's word. */
    public static long cpu(int n) {
        int x = n * 31 + 7;
        Map<String, Integer> words = new HashMap<>();
        long acc = 0;
        for (int i = 0; i < n; i++) {
            x = x * 1103515245 + 12345;
            acc += x >>> 16;
            if ((i & 63) == 0) words.merge("w" + ((x >>> 24) & 31), 1, Integer::sum);
        }
        long h = 0;
        for (Map.Entry<String, Integer> e : words.entrySet()) h += e.getKey().hashCode() * 31L + e.getValue();
        return acc ^ (h << 20) ^ words.size();
    }

    /** Blocking I/O: asks the slow server for a reply that comes after {@code ms} ms, over a plain socket. */
    public static String io(int ms, int slowPort) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", slowPort), 10_000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write((ms + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String reply = in.readLine();
            if (!("slept " + ms).equals(reply)) throw new IOException("slow server answered " + reply + " to " + ms);
        }
        return "io ok ms=" + ms;
    }

    /**
     * A contended monitor: the holder sleeps {@code k % 4 + 1} ms inside it (the GIL is released around the sleep,
     * the monitor is not), so other handler threads block on monitor entry while they hold the GIL and only the
     * safety net can hand the GIL on.
     */
    public static String locked(int k) throws InterruptedException {
        long v;
        synchronized (LOCK) {
            lockEntries++;
            Thread.sleep(k % 4 + 1);
            v = cpu(2_000 + k);
        }
        return "lock k=" + k + " v=" + v;
    }

    /** How many times {@code /lock} entered the monitor. */
    public static long lockEntries() {
        synchronized (LOCK) {
            return lockEntries;
        }
    }
}
