// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads a predictions CSV written by the tool, for the tests. */
final class PredictionsCsv {

    private PredictionsCsv() {}

    static List<CSVRecord> parse(String text) throws IOException {
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .build()
                .parse(new StringReader(text))
                .getRecords();
    }
}
