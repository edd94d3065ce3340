package io.gil4j.it.work;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A thread named {@code holder} blocks, {@value #TIMES} times each, at every blocking point the
 * README lists, while a CPU-bound thread waits for the GIL: a {@code LockSupport.park}, a socket
 * read, an accept and a connect, a selector, a socket channel read, file reads through a stream and a
 * channel, {@code Thread.sleep}, {@code Object.wait}, {@code Thread.join}, {@code Thread.start} (the
 * JVM waits for the new OS thread), and a contended {@code synchronized}. Each wait that needs another
 * party is ended about 20 ms later by threads started before the holder. Prints {@code done}.
 */
public final class BlockingPoints {
    private BlockingPoints() { }

    static final int TIMES = 3;
    private static final long MS = 20;
    private static final Object MONITOR = new Object();
    private static volatile boolean done;

    public static void main(String[] args) throws Exception {
        ScheduledThreadPoolExecutor peers = new ScheduledThreadPoolExecutor(2);
        peers.prestartAllCoreThreads();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Path file = Files.createTempFile("gil4j-blocking", ".bin");
        Files.write(file, new byte[1 << 16]);
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept();
             ServerSocketChannel serverChannel = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
             SocketChannel channelClient = SocketChannel.open(serverChannel.getLocalAddress());
             SocketChannel channelAccepted = serverChannel.accept();
             Selector selector = Selector.open()) {
            Pipe pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            pipe.source().register(selector, SelectionKey.OP_READ);
            Thread spinner = new Thread(() -> {
                long x = 1;
                while (!done) {
                    for (int i = 0; i < 1000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
                }
                if (x == 42) System.out.println();
            }, "spinner");
            spinner.start();
            Thread holder = new Thread(() -> {
                try {
                    for (int k = 0; k < TIMES; k++) {
                        CountDownLatch latch = new CountDownLatch(1);
                        peers.schedule(latch::countDown, MS, TimeUnit.MILLISECONDS);
                        latch.await();

                        Thread.sleep(MS);
                        synchronized (MONITOR) {
                            MONITOR.wait(MS);
                        }
                        spinner.join(MS);

                        Thread started = new Thread(() -> { }, "started");
                        started.start();
                        started.join();

                        peers.schedule(() -> write(accepted), MS, TimeUnit.MILLISECONDS);
                        InputStream in = client.getInputStream();
                        if (in.read() < 0) throw new IllegalStateException("socket closed");

                        peers.schedule(() -> connect(loopback, server.getLocalPort()), MS, TimeUnit.MILLISECONDS);
                        server.accept().close();
                        new Socket(loopback, server.getLocalPort()).close();

                        peers.schedule(() -> write(pipe.sink()), MS, TimeUnit.MILLISECONDS);
                        selector.select();
                        selector.selectedKeys().clear();
                        pipe.source().read(ByteBuffer.allocate(16));

                        peers.schedule(() -> write(channelAccepted), MS, TimeUnit.MILLISECONDS);
                        channelClient.read(ByteBuffer.allocate(1));

                        try (FileInputStream fin = new FileInputStream(file.toFile())) {
                            fin.read(new byte[4096]);
                        }
                        try (FileChannel fc = FileChannel.open(file)) {
                            fc.read(ByteBuffer.allocate(4096));
                        }

                        CountDownLatch owned = new CountDownLatch(1);
                        peers.execute(() -> {
                            synchronized (MONITOR) {
                                owned.countDown();
                                // sleeping releases the GIL but not the monitor: the holder, however long it
                                // waits for the GIL first, still finds the monitor taken
                                sleep(5 * MS);
                            }
                        });
                        owned.await();
                        synchronized (MONITOR) {
                            MONITOR.notifyAll();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "holder");
            holder.start();
            holder.join();
            done = true;
            spinner.join();
            pipe.sink().close();
            pipe.source().close();
        } finally {
            peers.shutdownNow();
            Files.deleteIfExists(file);
        }
        System.out.println("done");
    }

    private static void write(Object to) {
        try {
            if (to instanceof Socket s) {
                s.getOutputStream().write(1);
            } else if (to instanceof java.nio.channels.WritableByteChannel c) {
                c.write(ByteBuffer.wrap(new byte[] {1}));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void connect(InetAddress host, int port) {
        try {
            new Socket(host, port).close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
