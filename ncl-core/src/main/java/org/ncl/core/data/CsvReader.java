// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a tabular novel class discovery problem from a CSV file with a header line.
 *
 * <ul>
 *   <li>The label column (named in {@link Options}) holds the known class of a row; a blank cell
 *       (empty or only whitespace) makes the row {@link DiscoveryData#UNLABELED}. Label values are trimmed.
 *       The known class names are the distinct non-blank values sorted in {@link String} order, so the
 *       same file always gives the same class indices.</li>
 *   <li>An optional ground-truth column holds the true class of every row, for evaluation only (it never
 *       reaches training); its class names are likewise its distinct values sorted. A blank cell is an
 *       error.</li>
 *   <li>Every other column is a feature and every cell must be a finite decimal number
 *       ({@code 1}, {@code -0.5}, {@code 2.5e-3}); feature names are the header names.</li>
 * </ul>
 *
 * <p>Lines that are completely empty are skipped; quoted cells may span lines (commons-csv). A UTF-8 byte
 * order mark is ignored ({@link CsvHeader}). Every problem in the content is reported as an {@link IllegalArgumentException}
 * naming the source, the 1-based line number, the column and the offending text: a missing label column
 * (the message lists the header's columns), duplicate or empty column names, a row with the wrong number
 * of cells, no feature column, an empty file or a file with no data rows, a missing or non-numeric value.
 */
public final class CsvReader {

    /** A decimal number: optional sign, digits with an optional fraction, optional exponent. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvReader() {}

    /** Starts building options; {@link Options.Builder#labelColumn(String)} is required. */
    public static Options.Builder options() {
        return new Options.Builder();
    }

    /**
     * Reads a UTF-8 CSV file.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read, or holds bytes that are not UTF-8 (the message names the file, the
     *     cause is the decoder's {@link CharacterCodingException})
     * @throws IllegalArgumentException if its content is not a valid data set (the message names line and column)
     */
    public static DiscoveryData read(Path file, Options options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "CSV file not found");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), options);
        }
    }

    /**
     * Reads CSV text from a reader (not closed).
     *
     * @param source the name used in error messages
     * @throws IOException if the reader fails
     * @throws IllegalArgumentException if the content is not a valid data set (the message names line and column)
     */
    public static DiscoveryData read(Reader reader, String source, Options options) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(options.delimiter())
                .setIgnoreEmptyLines(false)
                .build();
        CSVParser parser;
        try {
            parser = CSVParser.parse(CsvHeader.withoutBom(new NonClosingReader(reader)), format);
        } catch (CharacterCodingException e) {
            throw notText(source, e);
        }
        try {
            return parse(parser, source, options);
        } catch (UncheckedIOException e) {
            // commons-csv's iterator wraps both invalid CSV (CSVException, such as an unterminated quoted
            // cell) and failures of the reader itself
            if (e.getCause() instanceof CSVException) {
                throw new IllegalArgumentException(
                        source + ": malformed CSV after line " + parser.getCurrentLineNumber() + ": "
                                + e.getCause().getMessage(),
                        e);
            }
            if (e.getCause() instanceof CharacterCodingException c) {
                throw notText(source, c);
            }
            throw e.getCause();
        } finally {
            parser.close();
        }
    }

    /**
     * Bytes that are not text in the reader's encoding (UTF-8 for a file): Java's own message is only "Input
     * length = 1", so this one names the source; the cause stays the decoder's exception. (No line number: the
     * decoder reads ahead of the parser.)
     */
    private static IOException notText(String source, CharacterCodingException e) {
        return new IOException(source + ": holds bytes that are not valid text (a CSV file must be UTF-8): " + e, e);
    }

    private static DiscoveryData parse(CSVParser parser, String source, Options options) {
        Iterator<CSVRecord> records = parser.iterator();
        long lineBefore = 0;
        List<String> header = null;
        long headerLine = 0;
        while (header == null && records.hasNext()) {
            CSVRecord r = records.next();
            long line = lineBefore + 1;
            lineBefore = parser.getCurrentLineNumber();
            if (!isBlankLine(r)) {
                header = r.toList();
                headerLine = line;
            }
        }
        if (header == null) {
            throw new IllegalArgumentException(source + ": the CSV file is empty; expected a header line naming the "
                    + "columns, with the label column \"" + options.labelColumn() + "\"");
        }
        header = CsvHeader.names(header);
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).isEmpty()) {
                throw new IllegalArgumentException(source + ": line " + headerLine + ": column " + (c + 1)
                        + " of the header has an empty name; every column needs a name");
            }
        }
        Map<String, Integer> columns = CsvHeader.columns(header, source, headerLine);
        Integer labelCol = columns.get(options.labelColumn());
        if (labelCol == null) {
            throw new IllegalArgumentException(source + ": no label column \"" + options.labelColumn()
                    + "\" in the header; its columns are " + header);
        }
        int truthCol = -1;
        if (options.groundTruthColumn() != null) {
            Integer t = columns.get(options.groundTruthColumn());
            if (t == null) {
                throw new IllegalArgumentException(source + ": no ground-truth column \"" + options.groundTruthColumn()
                        + "\" in the header; its columns are " + header);
            }
            truthCol = t;
        }
        List<String> featureNames = new ArrayList<>();
        int[] featureCols = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            if (c != labelCol && c != truthCol) {
                featureCols[featureNames.size()] = c;
                featureNames.add(header.get(c));
            }
        }
        int d = featureNames.size();
        if (d == 0) {
            throw new IllegalArgumentException(source + ": no feature columns: the header " + header
                    + " has only the label" + (truthCol >= 0 ? " and ground-truth columns" : " column"));
        }

        float[] features = new float[Math.max(16, d * 64)];
        List<String> labelText = new ArrayList<>();
        List<String> truthText = truthCol >= 0 ? new ArrayList<>() : null;
        int rows = 0;
        while (records.hasNext()) {
            CSVRecord r = records.next();
            long line = lineBefore + 1;
            lineBefore = parser.getCurrentLineNumber();
            if (isBlankLine(r)) {
                continue;
            }
            if (r.size() != header.size()) {
                throw new IllegalArgumentException(source + ": line " + line + " has " + r.size() + " cells, expected "
                        + header.size() + " (one per column of the header " + header + ")");
            }
            if ((long) (rows + 1) * d > Integer.MAX_VALUE - 8L) {
                throw new IllegalArgumentException(source + ": line " + line + ": too many values for one array ("
                        + (rows + 1) + " rows of " + d + " features)");
            }
            if ((rows + 1) * d > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * features.length + d));
            }
            for (int j = 0; j < d; j++) {
                int c = featureCols[j];
                features[rows * d + j] = parseValue(r.get(c), source, line, header.get(c));
            }
            labelText.add(r.get(labelCol).trim());
            if (truthText != null) {
                String t = r.get(truthCol).trim();
                if (t.isEmpty()) {
                    throw new IllegalArgumentException(source + ": line " + line + ", column \"" + header.get(truthCol)
                            + "\": missing value; the ground-truth column needs the true class of every row");
                }
                truthText.add(t);
            }
            rows++;
        }
        if (rows == 0) {
            throw new IllegalArgumentException(source + ": no data rows after the header " + header);
        }

        List<String> classNames = sortedDistinct(labelText);
        int[] known = indices(labelText, classNames);
        DiscoveryData.Builder b = DiscoveryData.builder(d)
                .features(Arrays.copyOf(features, rows * d))
                .knownLabels(known, classNames)
                .featureNames(featureNames);
        if (truthText != null) {
            List<String> truthNames = sortedDistinct(truthText);
            b.groundTruth(indices(truthText, truthNames), truthNames);
        }
        return b.build();
    }

    private static boolean isBlankLine(CSVRecord r) {
        return r.size() == 1 && r.get(0).isEmpty();
    }

    private static float parseValue(String text, String source, long line, String column) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(source + ": line " + line + ", column \"" + column
                    + "\": missing value; every feature cell must hold a finite number");
        }
        if (!NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException(source + ": line " + line + ", column \"" + column + "\": \"" + text
                    + "\" is not a number; expected a finite decimal number such as 1, -0.5 or 2.5e-3");
        }
        float v = (float) Double.parseDouble(t);
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(source + ": line " + line + ", column \"" + column + "\": \"" + text
                    + "\" is outside the range of a float (about 3.4e38)");
        }
        return v;
    }

    /** Distinct non-blank values in String order. */
    private static List<String> sortedDistinct(List<String> values) {
        TreeSet<String> set = new TreeSet<>();
        for (String v : values) {
            if (!v.isEmpty()) {
                set.add(v);
            }
        }
        return List.copyOf(set);
    }

    /** The index of each value in {@code names}, or UNLABELED for a blank one. */
    private static int[] indices(List<String> values, List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            String v = values.get(i);
            out[i] = v.isEmpty() ? DiscoveryData.UNLABELED : index.get(v);
        }
        return out;
    }

    /** Lets the parser be closed without closing the caller's reader. */
    private static final class NonClosingReader extends java.io.FilterReader {
        NonClosingReader(Reader in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the reader
        }
    }

    /**
     * How to read a CSV file: which column holds the known labels, which (optional) the ground truth, and
     * the delimiter. Immutable; built with {@link CsvReader#options()}. A header line is always required.
     */
    public static final class Options {
        private final String labelColumn;
        private final String groundTruthColumn;
        private final char delimiter;

        private Options(String labelColumn, String groundTruthColumn, char delimiter) {
            this.labelColumn = labelColumn;
            this.groundTruthColumn = groundTruthColumn;
            this.delimiter = delimiter;
        }

        /** The name of the label column. */
        public String labelColumn() {
            return labelColumn;
        }

        /** The name of the ground-truth column, or null if there is none. */
        public String groundTruthColumn() {
            return groundTruthColumn;
        }

        /** The cell delimiter (default {@code ','}). */
        public char delimiter() {
            return delimiter;
        }

        /** A builder starting from these options. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.labelColumn = labelColumn;
            b.groundTruthColumn = groundTruthColumn;
            b.delimiter = delimiter;
            return b;
        }

        @Override
        public String toString() {
            return "CsvReader.Options{labelColumn=" + labelColumn + ", groundTruthColumn=" + groundTruthColumn
                    + ", delimiter='" + delimiter + "'}";
        }

        /** Builds {@link Options}; checks happen in {@link #build()}. */
        public static final class Builder {
            private String labelColumn;
            private String groundTruthColumn;
            private char delimiter = ',';

            private Builder() {}

            /** The name of the column holding the known labels (required); blank cells mean unlabeled. */
            public Builder labelColumn(String name) {
                this.labelColumn = name;
                return this;
            }

            /** The name of a column holding the true class of every row, kept for evaluation only (optional). */
            public Builder groundTruthColumn(String name) {
                this.groundTruthColumn = name;
                return this;
            }

            /** The cell delimiter (default {@code ','}). */
            public Builder delimiter(char delimiter) {
                this.delimiter = delimiter;
                return this;
            }

            /**
             * Checks the options and builds them.
             *
             * @throws IllegalArgumentException if the label column is missing or blank, the ground-truth column
             *     is blank or the same as the label column, or the delimiter is a line break, a quote or blank
             */
            public Options build() {
                if (labelColumn == null || labelColumn.isBlank()) {
                    throw new IllegalArgumentException(
                            "option labelColumn is required: the name of the column " + "holding the known labels");
                }
                String label = labelColumn.trim();
                String truth = null;
                if (groundTruthColumn != null) {
                    if (groundTruthColumn.isBlank()) {
                        throw new IllegalArgumentException(
                                "option groundTruthColumn is blank: give a column name " + "or leave it unset");
                    }
                    truth = groundTruthColumn.trim();
                    if (truth.equals(label)) {
                        throw new IllegalArgumentException("option groundTruthColumn \"" + truth
                                + "\" is the label column; the ground truth must be a separate column");
                    }
                }
                if (delimiter == '\n'
                        || delimiter == '\r'
                        || delimiter == '"'
                        || Character.isLetterOrDigit(delimiter)
                        || delimiter == '.'
                        || delimiter == '-'
                        || delimiter == '+') {
                    throw new IllegalArgumentException("option delimiter '" + delimiter + "' is not usable: it "
                            + "cannot be a line break, a quote, a letter, a digit or part of a number");
                }
                return new Options(label, truth, delimiter);
            }
        }
    }
}
