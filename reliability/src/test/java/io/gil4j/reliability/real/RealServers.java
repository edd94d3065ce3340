package io.gil4j.reliability.real;

import io.gil4j.reliability.real.handlers.JettyHandler;
import io.gil4j.reliability.real.handlers.NettyHandler;
import io.gil4j.reliability.real.handlers.Work;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real server with handlers of our own, driven by itself: {@code RealServers jetty|netty}.
 *
 * <p>Starts Jetty 12 or Netty 4.2 on an ephemeral 127.0.0.1 port with {@code /cpu?n=} (an LCG loop and a
 * HashMap word count), {@code /io?ms=} (a plain socket to a slow echo server in this JVM that answers after
 * {@code ms} ms) and {@code /lock?k=} (a contended {@code synchronized} held across a sleep); then 8 client
 * threads send {@value #PER_CLIENT} requests each (a fixed seed mixes the three kinds), check every body against
 * the value computed here, and print {@code requests=N failed=F digest=H}, H a SHA-256 over each client's
 * bodies in request order. Exits 1 when a request failed. The handlers live in
 * {@code io.gil4j.reliability.real.handlers} (put under the GIL with the framework); this class and the slow
 * server are not.
 */
public final class RealServers {
    static final int CLIENTS = 8;
    static final int PER_CLIENT = 50;
    static final long SEED = 0x5EED_2024L;
    /** Requests not done by then count as failed (a hang shows as failures, not as a stuck child). */
    static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private RealServers() { }

    record Req(String path, String expected) { }

    /** The requests of one client and the body each must get back; computed before any server starts. */
    static List<Req> plan(int client) {
        Random r = new Random(SEED + client);
        List<Req> out = new ArrayList<>();
        for (int i = 0; i < PER_CLIENT; i++) {
            int kind = r.nextInt(10);
            if (kind < 5) {
                int n = 10_000 + r.nextInt(90_000);
                out.add(new Req("/cpu?n=" + n, Long.toString(Work.cpu(n))));
            } else if (kind < 8) {
                int ms = 1 + r.nextInt(20);
                out.add(new Req("/io?ms=" + ms, "io ok ms=" + ms));
            } else {
                int k = r.nextInt(1000);
                out.add(new Req("/lock?k=" + k, "lock k=" + k + " v=" + Work.cpu(2_000 + k)));
            }
        }
        return out;
    }

    /** The slow echo server: reads a line {@code ms}, sleeps that long, answers {@code slept ms}. Not under the GIL. */
    static final class Slow implements AutoCloseable {
        final ServerSocket server;
        final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slow-echo");
            t.setDaemon(true);
            return t;
        });

        Slow() throws IOException {
            server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "slow-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    pool.execute(() -> serve(s));
                } catch (IOException e) {
                    if (!server.isClosed()) e.printStackTrace();
                }
            }
        }

        private static void serve(Socket s) {
            try (s) {
                s.setSoTimeout(20_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                int ms = Integer.parseInt(in.readLine().trim());
                Thread.sleep(ms);
                OutputStream out = s.getOutputStream();
                out.write(("slept " + ms + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException | InterruptedException | RuntimeException e) {
                e.printStackTrace();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            pool.shutdownNow();
        }
    }

    /** A started server: its port, and how to stop it. */
    interface Running {
        int port();

        void stop() throws Exception;
    }

    static Running jetty(int slowPort, int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("jetty");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new JettyHandler(slowPort));
        server.setStopTimeout(2_000);
        server.start();
        return new Running() {
            @Override
            public int port() {
                return connector.getLocalPort();
            }

            @Override
            public void stop() throws Exception {
                server.stop();
            }
        };
    }

    static Running netty(int slowPort, int port) throws Exception {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        // The handlers block (socket I/O, sleeps, a contended monitor): they run on their own threads.
        AtomicInteger workerIds = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(CLIENTS, r -> new Thread(r, "netty-worker-" + workerIds.incrementAndGet()));
        ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Channel channel = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast(new NettyHandler(slowPort, workers));
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return new Running() {
            @Override
            public int port() {
                return ((InetSocketAddress) channel.localAddress()).getPort();
            }

            @Override
            public void stop() throws Exception {
                channel.close().sync();
                accepted.close().sync();
                workers.shutdown();
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) throw new IllegalStateException("netty workers still busy");
                boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
                io.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
            }
        };
    }

    /**
     * {@code RealServers serve jetty|netty PORT}: only the server (and its slow echo server), on PORT,
     * until SIGTERM: for {@code gil-analyzer ab} and other load generators.
     */
    static void serve(String which, int port) throws Exception {
        Slow slow = new Slow();
        Running server = switch (which) {
            case "jetty" -> jetty(slow.port(), port);
            case "netty" -> netty(slow.port(), port);
            default -> throw new IllegalArgumentException("RealServers serve jetty|netty PORT, not " + which);
        };
        System.out.println(which + " listening on " + server.port());
        Object forever = new Object();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
                slow.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        synchronized (forever) {
            forever.wait();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("serve")) {
            serve(args[1], Integer.parseInt(args[2]));
            return;
        }
        String which = args.length > 0 ? args[0] : "";
        List<List<Req>> plans = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) plans.add(plan(c));
        int lockRequests = (int) plans.stream().flatMap(List::stream).filter(q -> q.path().startsWith("/lock")).count();

        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        byte[][] digests = new byte[CLIENTS][];
        long t0;
        long t1;
        long lockEntries;
        try (Slow slow = new Slow()) {
            Running server = switch (which) {
                case "jetty" -> jetty(slow.port(), 0);
                case "netty" -> netty(slow.port(), 0);
                default -> throw new IllegalArgumentException("RealServers jetty|netty, not " + which);
            };
            try {
                String base = "http://127.0.0.1:" + server.port();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                t0 = System.nanoTime();
                long deadline = t0 + DEADLINE_NANOS;
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int me = c;
                    Thread t = new Thread(() -> {
                        MessageDigest md = sha256();
                        for (Req q : plans.get(me)) {
                            String body;
                            if (System.nanoTime() - deadline > 0) {
                                body = "(deadline passed)";
                            } else {
                                try {
                                    HttpResponse<String> resp = client.send(HttpRequest.newBuilder(URI.create(base + q.path()))
                                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                                    body = resp.statusCode() == 200 ? resp.body() : "(status " + resp.statusCode() + ") " + resp.body();
                                } catch (Exception e) {
                                    body = "(" + e + ")";
                                }
                            }
                            done.incrementAndGet();
                            if (!body.equals(q.expected())) {
                                failed.incrementAndGet();
                                System.err.println("client " + me + " " + q.path() + ": expected " + q.expected() + ", got " + body);
                            }
                            md.update(body.getBytes(StandardCharsets.UTF_8));
                            md.update((byte) '\n');
                        }
                        digests[me] = md.digest();
                    }, "client-" + c);
                    threads.add(t);
                    t.start();
                }
                for (Thread t : threads) t.join();
                t1 = System.nanoTime();
                lockEntries = Work.lockEntries();
            } finally {
                server.stop();
            }
        }
        MessageDigest all = sha256();
        for (byte[] d : digests) all.update(d);
        if (lockEntries != lockRequests) {
            failed.incrementAndGet();
            System.err.println("monitor entered " + lockEntries + " times for " + lockRequests + " /lock requests");
        }
        System.out.println("requests=" + done.get() + " failed=" + failed.get() + " digest=" + HexFormat.of().formatHex(all.digest()));
        System.out.printf("server=%s lockRequests=%d seconds=%.3f%n", which, lockRequests, (t1 - t0) / 1e9);
        System.out.flush();
        System.exit(failed.get() == 0 ? 0 : 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
