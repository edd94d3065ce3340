package io.gil4j.demo.convoy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/**
 * The convoy's I/O-bound thread: short request/response round trips over one TCP connection.
 * Every blocking read releases the GIL; every return from it must take the GIL back, and under a
 * GIL that waits one switch interval when a CPU-bound thread holds it: the convoy effect.
 */
public final class RoundTrips {
    private final InputStream in;
    private final OutputStream out;
    private final byte[] message;
    private final byte[] reply;

    public RoundTrips(Socket socket, int messageBytes) throws IOException {
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.message = new byte[messageBytes];
        this.reply = new byte[messageBytes];
        for (int i = 0; i < messageBytes; i++) {
            message[i] = (byte) ('a' + i % 26);
        }
    }

    /** Round trips until {@code nanos} elapsed; returns how many completed. */
    public long runFor(long nanos) throws IOException {
        return runFor(nanos, null, 1);
    }

    /**
     * {@link #runFor(long)}, also counting the round trips begun in each window of {@code windowNanos}
     * into {@code perWindow} (any past its end count in the last).
     */
    public long runFor(long nanos, long[] perWindow, long windowNanos) throws IOException {
        long start = System.nanoTime();
        long deadline = start + nanos;
        long count = 0;
        long now;
        while ((now = System.nanoTime()) < deadline) {
            if (perWindow != null) {
                perWindow[(int) Math.min((now - start) / windowNanos, perWindow.length - 1)]++;
            }
            out.write(message);
            out.flush();
            readFully(reply);
            if (!Arrays.equals(message, reply)) {
                throw new IOException("echo server answered other bytes than sent");
            }
            count++;
        }
        return count;
    }

    private void readFully(byte[] buffer) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                throw new EOFException("echo server closed the connection");
            }
            off += n;
        }
    }
}
