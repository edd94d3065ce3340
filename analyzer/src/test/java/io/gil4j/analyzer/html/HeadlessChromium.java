package io.gil4j.analyzer.html;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Screenshots an HTML file with headless Chromium ({@code /usr/bin/chromium}, Debian package
 * {@code chromium}) and counts the non-white pixels, so tests can check a page really renders.
 */
public final class HeadlessChromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Skips the calling test where Chromium is missing, saying so; fails it instead where the environment
     * variable {@code GIL4J_REQUIRE_CHROMIUM} is set (CI sets it), so that CI never skips silently.
     */
    public static void assumeInstalled() {
        if (installed()) return;
        String missing = "chromium not installed at " + BINARY + " (apt-get install -y chromium)";
        if (System.getenv("GIL4J_REQUIRE_CHROMIUM") != null) throw new AssertionError(missing);
        org.junit.jupiter.api.Assumptions.assumeTrue(false, missing);
    }

    /** Renders {@code page} at 1200x900 into {@code dir}/shot.png; returns the share of non-white pixels. */
    public static double nonWhiteShare(Path page, Path dir) throws Exception {
        Path png = dir.resolve("shot.png");
        Path log = dir.resolve("chromium.log");
        // no network, no profile outside the temp dir: the page must be self-contained
        List<String> cmd = List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png, "--window-size=1200,900",
                page.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s");
        }
        if (!Files.exists(png)) {
            throw new AssertionError("chromium wrote no screenshot: " + Files.readString(log));
        }
        BufferedImage img = ImageIO.read(png.toFile());
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        return (double) nonWhite / ((long) img.getWidth() * img.getHeight());
    }
}
