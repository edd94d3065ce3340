package io.gil4j.demo.server;

import io.gil4j.demo.convoy.RoundTrips;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

class EchoServerTest {
    @Test
    void echoesWhatItReads() throws Exception {
        try (EchoServer server = EchoServer.start(0);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("sixteen bytes!!!".getBytes());
            assertThat(new String(in.readNBytes(16))).isEqualTo("sixteen bytes!!!");
        }
    }

    @Test
    void roundTripsCountCompletedExchanges() throws Exception {
        try (EchoServer server = EchoServer.start(0);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            long count = new RoundTrips(socket, 16).runFor(50_000_000L);
            assertThat(count).isPositive();
        }
    }
}
