import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import scala.tools.nsc.Global;
import scala.tools.nsc.Settings;

/**
 * The Scala 2.13 compiler as a program gil4j was not tuned on (benchmarks/scalac.sh): compiles the Scala
 * sources of a folder WARM + REPS times, each time with a new compiler instance (a Global) per thread, on
 * THREADS threads started together. Prints each repetition's seconds ("rep R S"), then "first S" (the
 * first compilation: class loading, instrumentation and the JIT's warm-up), "median S" over the REPS timed
 * ones, and "digest D", a hash of every class file written, equal in every repetition and thread or the
 * program fails: the agent must not change what the compiler produces.
 *
 * <p>Usage: java -cp scala-compiler:scala-library:scala-reflect:. ScalacRun SRC-DIR THREADS WARM REPS
 */
public class ScalacRun {
    public static void main(String[] a) throws Exception {
        if (a.length != 4) throw new IllegalArgumentException("usage: ScalacRun SRC-DIR THREADS WARM REPS");
        Path src = Paths.get(a[0]);
        int threads = Integer.parseInt(a[1]);
        int warm = Integer.parseInt(a[2]);
        int reps = Integer.parseInt(a[3]);
        List<String> files;
        try (Stream<Path> s = Files.list(src)) {
            files = s.map(Path::toString).filter(p -> p.endsWith(".scala")).sorted().collect(Collectors.toList());
        }
        if (files.isEmpty()) throw new IllegalArgumentException("no .scala files in " + src);
        Path outRoot = Files.createTempDirectory("scalac-out");
        String digest = null;
        double[] times = new double[reps];
        for (int r = -warm; r < reps; r++) {
            List<Path> outs = new ArrayList<>();
            Thread[] ts = new Thread[threads];
            Throwable[] failure = new Throwable[1];
            for (int t = 0; t < threads; t++) {
                Path out = Files.createDirectories(outRoot.resolve("r" + (r + warm) + "t" + t));
                outs.add(out);
                ts[t] = new Thread(() -> {
                    try {
                        compile(files, out);
                    } catch (Throwable e) {
                        synchronized (failure) { failure[0] = e; }
                    }
                });
            }
            long t0 = System.nanoTime();
            for (Thread t : ts) t.start();
            for (Thread t : ts) t.join();
            double sec = (System.nanoTime() - t0) / 1e9;
            if (failure[0] != null) throw new IllegalStateException("compilation failed", failure[0]);
            for (Path o : outs) {
                String d = digest(o);
                if (digest == null) digest = d;
                else if (!digest.equals(d)) throw new IllegalStateException("class files differ in " + o);
            }
            System.out.printf("rep %d %.3f%n", r + warm, sec);
            if (r == -warm) System.out.printf("first %.3f%n", sec);
            if (r >= 0) times[r] = sec;
        }
        Arrays.sort(times);
        System.out.printf("median %.3f%n", times[reps / 2]);
        System.out.println("digest " + digest);
    }

    static void compile(List<String> files, Path out) {
        Settings s = new Settings();
        s.processArgumentString("-usejavacp -nowarn -d " + out);
        Global g = new Global(s);
        Global.Run run = g.new Run();
        run.compile(scala.jdk.javaapi.CollectionConverters.asScala(files).toList());
        if (g.reporter().hasErrors()) throw new IllegalStateException("the sources did not compile");
    }

    static String digest(Path dir) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<Path> ps;
        try (Stream<Path> s = Files.walk(dir)) {
            ps = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        for (Path p : ps) {
            md.update(dir.relativize(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(p));
        }
        return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }
}
