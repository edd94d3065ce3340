package io.gil4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every reference to a document resolves inside the repository: code, scripts and docs that cite
 * {@code docs/design.md section N} find that section, relative Markdown links find their file, and
 * nothing points at material a user who clones the project does not have.
 */
class DocReferencesTest {
    /** "docs/design.md section 8", "docs/events.md", "analyzer/SCHEMA.md"... */
    private static final Pattern CITATION = Pattern.compile("((?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\\.md)(?: section (\\d+))?");
    /** A relative Markdown link: [text](path) or [text](path#anchor). */
    private static final Pattern LINK = Pattern.compile("\\]\\((?!https?:|mailto:|#)([^)#\\s]+)(?:#[^)]*)?\\)");
    private static final Set<String> SCANNED = Set.of("java", "md", "sh", "c", "xml", "py", "html", "txt");

    private static Path root;
    private static List<Path> files;

    @BeforeAll
    static void findTheRepository() throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve(".ci/run"))) p = p.getParent();
        assertThat(p).as("the repository root (a folder above this module holding .ci/run)").isNotNull();
        root = p;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> !root.relativize(f).toString().matches("(?:.*/)?(?:target|\\.git|node_modules)/.*"))
                    .filter(f -> SCANNED.contains(extension(f)))
                    .collect(Collectors.toList());
        }
        assertThat(files).as("files scanned").hasSizeGreaterThan(50);
    }

    @Test
    void everyCitedDocumentAndSectionExists() throws IOException {
        List<String> broken = new ArrayList<>();
        int seen = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = CITATION.matcher(text);
            while (m.find()) {
                String doc = m.group(1);
                if (!doc.startsWith("docs/") && !doc.contains("/")) continue; // "README.md" alone is not a path
                seen++;
                Path target = resolve(f, doc);
                if (target == null) {
                    broken.add(where(f, text, m.start()) + ": " + doc + " does not exist");
                } else if (m.group(2) != null && !hasSection(target, m.group(2))) {
                    broken.add(where(f, text, m.start()) + ": " + doc + " has no section " + m.group(2));
                }
            }
        }
        assertThat(seen).as("citations found (the scan works)").isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    @Test
    void everyRelativeMarkdownLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path f : files) {
            if (!extension(f).equals("md")) continue;
            String text = Files.readString(f);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                if (!Files.exists(f.getParent().resolve(m.group(1)).normalize())) {
                    broken.add(where(f, text, m.start()) + ": " + m.group(1));
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f);
            // Spelled in pieces so that this file does not find itself.
            for (String bad : List.of("../" + "shared", "DESIGN" + ".md")) {
                int i = text.indexOf(bad);
                if (i >= 0) outside.add(where(f, text, i) + ": " + bad);
            }
        }
        assertThat(outside).isEmpty();
    }

    /** The cited file, relative to the repository root or to the citing file's folder; null if neither. */
    private static Path resolve(Path from, String doc) {
        for (Path base : List.of(root, from.getParent())) {
            Path p = base.resolve(doc).normalize();
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static boolean hasSection(Path doc, String number) throws IOException {
        Pattern heading = Pattern.compile("(?m)^#{1,4} " + Pattern.quote(number) + "\\.? ");
        return heading.matcher(Files.readString(doc)).find();
    }

    private static String where(Path f, String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (text.charAt(i) == '\n') line++;
        return root.relativize(f) + ":" + line;
    }

    private static String extension(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
