package io.gil4j.analyzer.html;

import io.gil4j.analyzer.report.Fmt;

/**
 * The one escape function of the HTML report. Every string that came from a recording (thread names,
 * stack frames, method names, config strings, file names, rule messages that quote them) goes through
 * {@link #escape} before it is written into the page, in text and in attribute values alike.
 */
public final class Html {
    private Html() {
    }

    /** Escapes &amp; &lt; &gt; &quot; &#39; and replaces NUL and other C0 controls but tab/newline. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append((c < 0x20 && c != '\n' && c != '\t') || Fmt.isBidiControl(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
