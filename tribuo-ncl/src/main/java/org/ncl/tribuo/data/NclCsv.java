// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.ncl.core.data.CsvHeader;
import org.tribuo.classification.Label;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.csv.CSVDataSource;

/**
 * Builds a Tribuo {@link CSVDataSource} for novel class discovery (Zhong et al., "Neighborhood Contrastive Learning
 * for Novel Class Discovery", CVPR 2021) from a CSV file with a header row: every column except the label column is
 * a numeric feature named after its column (a value that does not parse, blank included, is an error), and the label
 * column's blank cells mark unlabeled rows ({@link BlankLabelResponseProcessor}, {@code outputRequired = false}).
 * A UTF-8 byte order mark at the start of the file is dropped ({@link CsvHeader}) here as in Tribuo's own reader, so
 * the first column keeps its name.
 */
public final class NclCsv {

    private NclCsv() {}

    /**
     * The data source.
     *
     * @param csv the CSV file (comma separated, with a header row)
     * @param labelColumn the label column's header
     * @return the data source (read when iterated or passed to a {@code MutableDataset})
     * @throws IOException if the header cannot be read
     * @throws IllegalArgumentException if the label column is missing or there is no other column
     */
    public static CSVDataSource<Label> dataSource(Path csv, String labelColumn) throws IOException {
        List<String> header;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build()
                        .parse(CsvHeader.withoutBom(in))) {
            header = parser.getHeaderNames();
        }
        if (!header.contains(labelColumn)) {
            throw new IllegalArgumentException(csv + ": no column '" + labelColumn + "' in the header " + header);
        }
        Map<String, FieldProcessor> processors = new LinkedHashMap<>();
        for (String column : header) {
            if (!column.equals(labelColumn)) {
                processors.put(column, new DoubleFieldProcessor(column, true, true));
            }
        }
        if (processors.isEmpty()) {
            throw new IllegalArgumentException(
                    csv + ": the only column is the label column '" + labelColumn + "'; no features");
        }
        RowProcessor<Label> rows = new RowProcessor<>(new BlankLabelResponseProcessor(labelColumn), processors);
        return new CSVDataSource<>(csv, rows, false);
    }
}
