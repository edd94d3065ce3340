package io.gil4j.demo.server;

import io.gil4j.demo.cli.Args;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a server on its own ({@code numbers-server}, {@code echo-server}) for experiments that want
 * it in a separate process; the demos start them in-process by default. Prints the port, then
 * serves until killed.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static int numbers(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("port", "latency"), Set.of());
        Duration latency = args.duration("latency", Duration.ofMillis(100));
        NumbersServer server = NumbersServer.start(args.intValue("port", 0), latency);
        System.out.println("numbers-server listening on " + server.baseUrl() + " latency " + latency.toMillis() + " ms");
        System.out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    public static int echo(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("port"), Set.of());
        EchoServer server = EchoServer.start(args.intValue("port", 0));
        System.out.println("echo-server listening on 127.0.0.1:" + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
        return 0;
    }
}
