// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A small immutable table of strings, rendered as aligned plain text for the console or as a GitHub
 * markdown table for reports. The first column is left-aligned, the others right-aligned.
 */
public final class ResultsTable {

    private final List<String> header;
    private final List<List<String>> rows;

    private ResultsTable(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    /**
     * A table with these column titles and no rows.
     *
     * @throws IllegalArgumentException if there is no column
     */
    public static ResultsTable withHeader(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        return new ResultsTable(List.of(header), List.of());
    }

    /**
     * This table with one more row.
     *
     * @throws IllegalArgumentException if the row does not have one cell per column
     */
    public ResultsTable withRow(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row " + rows.size() + " has " + cells.length + " cells; expected "
                    + header.size() + " (one per column " + header + ")");
        }
        List<List<String>> next = new ArrayList<>(rows);
        next.add(List.of(cells));
        return new ResultsTable(header, List.copyOf(next));
    }

    /** The column titles. */
    public List<String> header() {
        return header;
    }

    /** The rows, each one cell per column. */
    public List<List<String>> rows() {
        return rows;
    }

    /** Aligned plain text: the header, a rule, one line per row; every line ends with a newline. */
    public String text() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        int total = 0;
        for (int w : width) {
            total += w;
        }
        sb.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    /** A GitHub markdown table (numeric columns right-aligned); every line ends with a newline. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int c = 0; c < header.size(); c++) {
            sb.append(c == 0 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String v = cells.get(c);
            String pad = " ".repeat(width[c] - v.length());
            if (c > 0) {
                l.append("  ");
            }
            l.append(c == 0 ? v + pad : pad + v);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    @Override
    public String toString() {
        return text();
    }
}
