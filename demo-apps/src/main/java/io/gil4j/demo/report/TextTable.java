package io.gil4j.demo.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain-text table with aligned columns: first column left-aligned (row names), the rest
 * right-aligned (numbers). Header rows and a rule under them.
 */
public final class TextTable {
    private final List<String[]> headers = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    public TextTable header(String... cells) {
        headers.add(cells);
        return this;
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    public String render() {
        int columns = 0;
        for (String[] r : all()) {
            columns = Math.max(columns, r.length);
        }
        int[] width = new int[columns];
        for (String[] r : all()) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] h : headers) {
            line(h, width, out);
        }
        if (!headers.isEmpty()) {
            int total = 0;
            for (int w : width) {
                total += w + 2;
            }
            out.append("-".repeat(Math.max(0, total - 2))).append('\n');
        }
        for (String[] r : rows) {
            line(r, width, out);
        }
        return out.toString();
    }

    private List<String[]> all() {
        List<String[]> all = new ArrayList<>(headers);
        all.addAll(rows);
        return all;
    }

    private static void line(String[] cells, int[] width, StringBuilder out) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String cell = c < cells.length ? cells[c] : "";
            if (c > 0) {
                line.append("  ");
            }
            if (c == 0) {
                line.append(cell).append(" ".repeat(width[c] - cell.length()));
            } else {
                line.append(" ".repeat(width[c] - cell.length())).append(cell);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Fixed decimals, or "-" for a cell that was not measured. */
    public static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format(java.util.Locale.ROOT, "%." + decimals + "f", value) : "-";
    }
}
