package io.gil4j.reliability.real;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.iki.elonen.NanoHTTPD;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real libraries from Maven Central driven by 4 threads each: {@code RealPrograms
 * h2|jackson|http|scala|groovy|kotlin|clojure} (the last three in {@link OtherCompilersPrograms}).
 * Every result is deterministic.
 */
public final class RealPrograms {
    private RealPrograms() { }

    interface Body {
        void run(int index) throws Exception;
    }

    static void threads(int n, Body body) throws Exception {
        List<Thread> ts = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int k = 0; k < n; k++) {
            int me = k;
            Thread t = new Thread(() -> {
                try {
                    body.run(me);
                } catch (Throwable e) {
                    synchronized (failure) {
                        if (failure[0] == null) failure[0] = e;
                    }
                }
            }, "real-" + k);
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) t.join();
        if (failure[0] != null) throw new RuntimeException("worker failed", failure[0]);
    }

    /** H2 embedded (file database in a temp dir): 4 JDBC threads create, insert, select, update. */
    static String h2() throws Exception {
        Path dir = Files.createTempDirectory("gil-h2");
        String url = "jdbc:h2:" + dir.resolve("db").toAbsolutePath() + ";LOCK_TIMEOUT=60000";
        try (Connection setup = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = setup.createStatement()) {
                s.execute("CREATE TABLE shared(id INT PRIMARY KEY, owner INT, val BIGINT, note VARCHAR(64))");
            }
            AtomicLong selected = new AtomicLong();
            threads(4, me -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE own" + me + "(k INT PRIMARY KEY, v BIGINT)");
                    }
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO shared VALUES (?, ?, ?, ?)");
                         PreparedStatement own = c.prepareStatement("INSERT INTO own" + me + " VALUES (?, ?)")) {
                        for (int i = 0; i < 500; i++) {
                            int id = me * 10_000 + i;
                            ins.setInt(1, id);
                            ins.setInt(2, me);
                            ins.setLong(3, (long) i * i);
                            ins.setString(4, "row " + id);
                            ins.executeUpdate();
                            own.setInt(1, i);
                            own.setLong(2, i * 3L + me);
                            own.executeUpdate();
                        }
                    }
                    try (PreparedStatement up = c.prepareStatement("UPDATE shared SET val = val + ? WHERE owner = ? AND MOD(id, 7) = ?")) {
                        for (int r = 0; r < 7; r++) {
                            up.setLong(1, me + 1);
                            up.setInt(2, me);
                            up.setInt(3, r);
                            up.executeUpdate();
                        }
                    }
                    try (PreparedStatement sel = c.prepareStatement("SELECT SUM(val), COUNT(*) FROM shared WHERE owner = ?")) {
                        for (int r = 0; r < 20; r++) {
                            sel.setInt(1, me);
                            try (ResultSet rs = sel.executeQuery()) {
                                rs.next();
                                if (r == 19) selected.addAndGet(rs.getLong(1) + rs.getLong(2));
                            }
                        }
                    }
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                            "SELECT SUM(o.v) FROM own" + me + " o JOIN shared s ON s.id = " + me * 10_000 + " + o.k")) {
                        rs.next();
                        selected.addAndGet(rs.getLong(1));
                    }
                }
            });
            try (Statement s = setup.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(val) FROM shared")) {
                rs.next();
                return "rows=" + rs.getLong(1) + " sum=" + rs.getLong(2) + " selected=" + selected.get();
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Jackson: one shared ObjectMapper, 4 threads writing and parsing JSON trees and beans. */
    public static final class Item {
        public int id;
        public String name;
        public List<Double> values = new ArrayList<>();
        public Map<String, Long> tags = new LinkedHashMap<>();
    }

    static String jackson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        AtomicLong sum = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        threads(4, me -> {
            for (int i = 0; i < 400; i++) {
                Item it = new Item();
                it.id = me * 100_000 + i;
                it.name = "item \"" + i + "\" \u00e9\u4e2d";
                for (int k = 0; k < 20; k++) it.values.add(k * 0.5 + i);
                for (int k = 0; k < 10; k++) it.tags.put("t" + k, (long) k * i + me);
                String json = mapper.writeValueAsString(it);
                bytes.addAndGet(json.length());
                Item back = mapper.readValue(json, Item.class);
                JsonNode tree = mapper.readTree(json);
                long s = back.id + back.name.length() + tree.get("values").size();
                for (double v : back.values) s += (long) (v * 2);
                for (JsonNode n : tree.get("tags")) s += n.asLong();
                sum.addAndGet(s);
            }
        });
        return "sum=" + sum.get() + " chars=" + bytes.get();
    }

    /** NanoHTTPD (its own thread per connection) under a JDK HttpClient load of 400 requests from 4 threads. */
    static final class Server extends NanoHTTPD {
        Server() {
            super("127.0.0.1", 0);
        }

        @Override
        public Response serve(IHTTPSession session) {
            String uri = session.getUri();
            long n = Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1));
            long x = n;
            for (int i = 0; i < 20_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
            String body = "{\"n\":" + n + ",\"sq\":" + n * n + ",\"h\":" + (x & 0xffff) + "}";
            return newFixedLengthResponse(Response.Status.OK, "application/json", body);
        }
    }

    static String http() throws Exception {
        Server server = new Server();
        server.start(30_000, true);
        try {
            int port = server.getListeningPort();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
            AtomicLong sum = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            threads(4, me -> {
                for (int i = 0; i < 100; i++) {
                    long n = me * 1000L + i;
                    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/calc/" + n))
                            .timeout(Duration.ofSeconds(60)).build();
                    HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
                    if (resp.statusCode() != 200) {
                        failed.incrementAndGet();
                        continue;
                    }
                    String b = resp.body();
                    long sq = Long.parseLong(b.substring(b.indexOf("\"sq\":") + 5, b.indexOf(",\"h\"")));
                    long h = Long.parseLong(b.substring(b.indexOf("\"h\":") + 4, b.indexOf('}')));
                    sum.addAndGet(sq + h);
                }
            });
            return "requests=400 failed=" + failed.get() + " sum=" + sum.get();
        } finally {
            server.stop();
        }
    }

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            String r;
            switch (name) {
                case "h2": r = h2(); break;
                case "jackson": r = jackson(); break;
                case "http": r = http(); break;
                case "scala": r = OtherCompilersPrograms.scala(); break;
                case "groovy": r = OtherCompilersPrograms.groovy(); break;
                case "kotlin": r = OtherCompilersPrograms.kotlin(); break;
                case "clojure": r = OtherCompilersPrograms.clojure(); break;
                default: throw new IllegalArgumentException(name);
            }
            System.out.println(name + ": " + r);
        }
    }
}
