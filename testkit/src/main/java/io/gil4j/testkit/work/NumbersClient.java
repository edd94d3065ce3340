package io.gil4j.testkit.work;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** The I/O-bound client of {@link io.gil4j.testkit.server.SlowHttpServer}: one request, its number back. */
public final class NumbersClient {
    private NumbersClient() { }

    /** GET {@code /n?i} on the loopback server at {@code port}; the number it answers (i itself). */
    public static long fetch(int port, long i) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/n?" + i).openConnection();
        try (InputStream in = c.getInputStream()) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        } finally {
            c.disconnect();
        }
    }
}
