// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ncl.core.data.CsvHeader;

/**
 * Reads the rows a trained model is asked about from a CSV file with a header: the model's feature columns,
 * picked by name in the model's order (so the file may order its columns differently and hold other columns,
 * such as an id), and optionally a column with the true class of every row. Training files are read by the
 * core's {@link org.ncl.core.data.CsvReader}, which needs a label column; this reader does not, because new
 * data has none.
 *
 * <p>Errors name the file, the line and the column: a missing feature column (with the header's columns), a
 * column name that occurs twice (which of the two would be the feature is not for this reader to guess), a row with the wrong number of cells, a value that is not a finite number, a blank true class.
 */
final class FeatureCsv {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * The rows of the file.
     *
     * @param features row-major values, {@code rows * featureNames.size()}
     * @param truth the true class of every row, or null when no truth column was asked for
     * @param ignoredColumns the header's columns that are neither features nor the truth column
     */
    record Table(float[] features, int rows, List<String> truth, List<String> ignoredColumns) {}

    private FeatureCsv() {}

    /**
     * Reads {@code file}.
     *
     * @param featureNames the columns to read, in this order
     * @param truthColumn the column holding the true class of every row, or null
     * @throws NoSuchFileException if the file does not exist
     * @throws IllegalArgumentException if the content does not fit (the message names line and column)
     */
    static Table read(Path file, List<String> featureNames, String truthColumn, char delimiter) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "CSV file not found");
        }
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .build();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(CsvHeader.withoutBom(reader), format)) {
            return parse(parser, file.toString(), featureNames, truthColumn);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": malformed CSV: " + Errors.describe(e.getCause()), e);
        }
    }

    private static Table parse(CSVParser parser, String source, List<String> featureNames, String truthColumn) {
        List<CSVRecord> records = parser.getRecords();
        if (records.isEmpty()) {
            throw new IllegalArgumentException(source + ": the CSV file is empty; expected a header line naming the "
                    + "columns, with the model's feature columns " + abbreviate(featureNames));
        }
        List<String> header = CsvHeader.names(records.get(0).toList());
        Map<String, Integer> columns =
                CsvHeader.columns(header, source, records.get(0).getRecordNumber());
        int d = featureNames.size();
        int[] featureCols = new int[d];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            Integer c = columns.get(featureNames.get(j));
            if (c == null) {
                missing.add(featureNames.get(j));
            } else {
                featureCols[j] = c;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": line 1: the header lacks " + missing.size()
                    + " of the model's " + d + " feature columns, e.g. " + abbreviate(missing) + "; its columns are "
                    + abbreviate(header));
        }
        int truthCol = -1;
        if (truthColumn != null) {
            Integer t = columns.get(truthColumn);
            if (t == null) {
                throw new IllegalArgumentException(source + ": line 1: no truth column \"" + truthColumn
                        + "\" in the header; its columns are " + abbreviate(header));
            }
            truthCol = t;
        }
        List<String> ignored = new ArrayList<>(columns.keySet());
        ignored.removeAll(featureNames);
        if (truthColumn != null) {
            ignored.remove(truthColumn);
        }
        int rows = records.size() - 1;
        if (rows == 0) {
            throw new IllegalArgumentException(source + ": no data rows after the header");
        }
        float[] f = new float[Math.multiplyExact(rows, d)];
        List<String> truth = truthCol >= 0 ? new ArrayList<>(rows) : null;
        for (int i = 0; i < rows; i++) {
            CSVRecord r = records.get(i + 1);
            long line = r.getRecordNumber();
            if (r.size() != header.size()) {
                throw new IllegalArgumentException(source + ": line " + line + " has " + r.size() + " cells, expected "
                        + header.size() + " (one per column of the header)");
            }
            for (int j = 0; j < d; j++) {
                String cell = r.get(featureCols[j]).trim();
                if (!NUMBER.matcher(cell).matches()) {
                    throw new IllegalArgumentException(source + ": line " + line + ", column \"" + featureNames.get(j)
                            + "\": '" + cell + "' is not a number" + (cell.isEmpty() ? " (missing value)" : ""));
                }
                float v = Float.parseFloat(cell);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(source + ": line " + line + ", column \"" + featureNames.get(j)
                            + "\": '" + cell + "' is outside the range of a float");
                }
                f[i * d + j] = v;
            }
            if (truth != null) {
                String t = r.get(truthCol).trim();
                if (t.isEmpty()) {
                    throw new IllegalArgumentException(source + ": line " + line + ", column \"" + truthColumn
                            + "\": missing value; the truth column needs the true class of every row");
                }
                truth.add(t);
            }
        }
        return new Table(f, rows, truth, ignored);
    }

    /** A list shortened to its first 8 items. */
    static String abbreviate(List<String> items) {
        if (items.size() <= 8) {
            return items.toString();
        }
        return Arrays.toString(items.subList(0, 8).toArray()).replace("]", ", ... (" + items.size() + " in all)]");
    }
}
