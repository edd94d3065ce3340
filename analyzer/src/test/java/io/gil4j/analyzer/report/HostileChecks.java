package io.gil4j.analyzer.report;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@link HostileRecordingTest} expects of each format: escaping as each format does it, and assertions that show strings escaped. */
final class HostileChecks {
    private HostileChecks() { }

    /** No C0/C1 control (ESC and CSI included) but the newline ending each row, no DEL. */
    static void assertNoTerminalControls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad = (Character.isISOControl(c) && c != '\n') || bidi(c);
            if (bad) {
                int from = Math.max(0, i - 60);
                throw new AssertionError(String.format(Locale.ROOT, "raw U+%04X at offset %d in text output, after: %s",
                        (int) c, i, escapeForMessage(text.substring(from, i))));
            }
        }
    }

    static void assertNoLineSeparators(String text) {
        int i = Math.max(text.indexOf('\u2028'), text.indexOf('\u2029'));
        check(i < 0, "raw U+2028/U+2029 in text output", text.substring(Math.max(0, i - 60), Math.max(0, i)));
    }

    /**
     * The text with U+2028/U+2029 as the report should write them ('?'): content checks then hold before
     * and after Fmt.clean handles them; {@link #textOutputHasNoUnicodeLineSeparators} checks the raw output.
     */
    static String separatorsAsChecked(String text) {
        return text.replace('\u2028', '?').replace('\u2029', '?');
    }

    private static final Set<String> TAGS = Set.of("html", "head", "meta", "title", "style", "body", "h1", "h2",
            "h3", "p", "table", "tr", "th", "td", "b", "br", "code", "span", "svg", "line", "text", "rect", "g",
            "figure", "figcaption", "path", "polyline");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[a-zA-Z][a-zA-Z0-9-:]*=\"[^\"<>]*\")*)\\s*/?>");

    /** Every '&lt;' opens one of the report's own tags, whose attributes are plain quoted values; no script. */
    static void assertOnlyOwnMarkup(String html) {
        for (String bad : List.of("<script", "</script", "<img")) {
            check(!html.toLowerCase(Locale.ROOT).contains(bad), "raw markup from the recording", bad);
        }
        check(html.startsWith("<!DOCTYPE html>\n"), "doctype", html.substring(0, Math.min(40, html.length())));
        String body = html.substring("<!DOCTYPE html>\n".length());
        int i = body.indexOf('<');
        while (i >= 0) {
            Matcher m = TAG.matcher(body);
            m.region(i, body.length());
            assertThat(m.lookingAt()).as("markup at %d: %s", i, escapeForMessage(body.substring(i, Math.min(body.length(), i + 80))))
                    .isTrue();
            assertThat(TAGS).as("tag %s", m.group(2)).contains(m.group(2).toLowerCase(Locale.ROOT));
            i = body.indexOf('<', m.end());
        }
        // no raw control characters but newline and tab (HTML forbids the others)
        for (int k = 0; k < html.length(); k++) {
            char c = html.charAt(k);
            assertThat((c < 0x20 && c != '\n' && c != '\t') || bidi(c)).as("raw U+%04X at %d", (int) c, k).isFalse();
        }
    }

    /** The report's text escaping: controls (C0, DEL, C1) and line separators become '?'. */
    static String expectedClean(String s) {
        s = asWritten(s);
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.appendCodePoint(
                Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || bidi(cp) ? '?' : cp));
        return sb.toString();
    }

    /** HTML entity escaping of the five special characters; C0 controls but tab and newline become U+FFFD. */
    static String expectedHtml(String s) {
        s = asWritten(s);
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append((c < 0x20 && c != '\n' && c != '\t') || bidi(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    /** The direction controls the reports neutralize: LRM, RLM, U+202A-U+202E, U+2066-U+2069. */
    static boolean bidi(int c) {
        return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** What a browser shows for s: the original, with the C0 controls (not allowed in HTML) replaced. */
    static String expectedHtmlText(String s) {
        s = asWritten(s);
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append((c < 0x20 && c != '\n' && c != '\t') || bidi(c) ? '\uFFFD' : c);
        }
        return sb.toString();
    }

    /** The string as the CLI's UTF-8 output carries it: a lone surrogate becomes '?' (JSON escapes it instead). */
    static String asWritten(String s) {
        return new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The page's text with tags removed and character references decoded (what a browser would show). */
    static String unescape(String html) {
        String noTags = html.replaceAll("<[^>]*>", "");
        Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);").matcher(noTags);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String rep = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                default -> e.startsWith("#x") ? new String(Character.toChars(Integer.parseInt(e.substring(2), 16)))
                        : e.startsWith("#") ? new String(Character.toChars(Integer.parseInt(e.substring(1)))) : m.group();
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** How a modified-UTF-8 string (NUL as C0 80, surrogates one by one) decodes as standard UTF-8. */
    static String modifiedUtf8AsUtf8(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            for (int i = 0; i < s.length(); i += 20_000) { // writeUTF is limited to 64 KB
                out.writeUTF(s.substring(i, Math.min(s.length(), i + 20_000)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = b.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int p = 0;
        while (p < bytes.length) {
            int n = ((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff);
            body.write(bytes, p + 2, n);
            p += 2 + n;
        }
        return body.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String escapeForMessage(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                    ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    /** Failure messages show strings escaped and shortened (some are kilobytes long). */
    static String brief(Object o) {
        String s = escapeForMessage(String.valueOf(o));
        return s.length() <= 400 ? s : s.substring(0, 250) + " ...[" + s.length() + " chars]... " + s.substring(s.length() - 120);
    }

    static void check(boolean ok, String what, Object... shown) {
        if (!ok) {
            throw new AssertionError(what + ": " + java.util.Arrays.stream(shown).map(HostileChecks::brief)
                    .collect(Collectors.joining("\n  ")));
        }
    }

    static void same(Object actual, Object expected, String what) {
        if (!java.util.Objects.equals(actual, expected)) {
            String a = String.valueOf(actual);
            String e = String.valueOf(expected);
            int d = 0;
            while (d < Math.min(a.length(), e.length()) && a.charAt(d) == e.charAt(d)) {
                d++;
            }
            int from = Math.max(0, d - 40);
            throw new AssertionError(what + " differs at char " + d + "\n  expected: ..."
                    + brief(e.substring(from, Math.min(e.length(), d + 60))) + "\n  actual:   ..."
                    + brief(a.substring(from, Math.min(a.length(), d + 60))));
        }
    }

    static void sameElements(Collection<?> actual, Collection<?> expected, String what) {
        if (!new java.util.HashSet<>(actual).equals(new java.util.HashSet<>(expected)) || actual.size() != expected.size()) {
            List<Object> missing = new ArrayList<>(expected);
            missing.removeAll(actual);
            List<Object> extra = new ArrayList<>(actual);
            extra.removeAll(expected);
            throw new AssertionError(what + ": missing " + brief(missing) + "\n  unexpected " + brief(extra));
        }
    }

    /** text contains part; on failure, shows where the longest prefix of part found in text stops matching. */
    static void contains(String text, String part, String what) {
        if (text != null && text.contains(part)) {
            return;
        }
        int lo = 0;
        int hi = part.length();
        while (text != null && lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (text.contains(part.substring(0, mid))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int at = text == null ? -1 : text.indexOf(part.substring(0, lo));
        throw new AssertionError(what + ": does not contain " + brief(part) + "\n  matches up to char " + lo
                + "; expected there: " + brief(part.substring(lo, Math.min(part.length(), lo + 40)))
                + "\n  found: " + (at < 0 ? "(nothing)" : brief(text.substring(at + lo, Math.min(text.length(), at + lo + 40)))));
    }

    static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o) {
        check(o instanceof Map, "a JSON object", o);
        return (Map<String, Object>) o;
    }
}
