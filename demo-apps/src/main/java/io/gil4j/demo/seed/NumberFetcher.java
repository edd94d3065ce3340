package io.gil4j.demo.seed;

import io.gil4j.demo.server.NumbersServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * The I/O-bound half of the seed experiment, CPython's {@code urllib.request.urlopen} loop: fetches
 * numbers one blocking request at a time. Blocking socket reads are where the GIL is released.
 */
public final class NumberFetcher {
    private NumberFetcher() {
    }

    /** Fetches {@code /number?i=from .. from+count-1} sequentially; returns the sum of the answers. */
    public static long fetchRange(String baseUrl, int from, int count) throws IOException {
        long sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += fetch(baseUrl, i);
        }
        return sum;
    }

    public static long fetch(String baseUrl, long i) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(baseUrl + "/number?i=" + i).openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        int status = connection.getResponseCode();
        if (status != 200) {
            throw new IOException("GET /number?i=" + i + " answered HTTP " + status);
        }
        String body;
        try (InputStream in = connection.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        long value = Long.parseLong(body);
        if (value != NumbersServer.numberFor(i)) {
            throw new IOException("GET /number?i=" + i + " answered " + value + ", expected " + NumbersServer.numberFor(i));
        }
        return value;
    }
}
