package io.gil4j.demo.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * TCP echo server for the convoy experiment: writes back whatever it reads, one thread per connection.
 * In {@code io.gil4j.demo.server}, never instrumented, so in-process it behaves like the separate echo
 * process of the CPython convoy measurement: its threads never wait for the GIL.
 */
public final class EchoServer implements AutoCloseable {
    private final ServerSocket listener;
    private final ExecutorService pool = Executors.newCachedThreadPool(NumbersServer.daemonThreads("echo-server"));

    private EchoServer(ServerSocket listener) {
        this.listener = listener;
    }

    /** Starts on loopback; {@code port} 0 picks a free one. */
    public static EchoServer start(int port) throws IOException {
        EchoServer server = new EchoServer(new ServerSocket(port, 64, InetAddress.getLoopbackAddress()));
        server.pool.execute(server::acceptLoop);
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                pool.execute(() -> echo(socket));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("echo-server: accept failed: " + e);
                }
            }
        }
    }

    private static void echo(Socket socket) {
        byte[] buffer = new byte[4096];
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // the client went away: normal end of a convoy phase
        } catch (IOException e) {
            System.err.println("echo-server: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pool.shutdownNow();
    }
}
