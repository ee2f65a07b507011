// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static final int U = DiscoveryData.UNLABELED;
    private static final CsvReader.Options LABEL =
            CsvReader.options().labelColumn("label").build();

    private static DiscoveryData read(String csv, CsvReader.Options options) throws IOException {
        return CsvReader.read(new StringReader(csv), "test.csv", options);
    }

    private static String error(String csv, CsvReader.Options options) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(csv, options));
        assertTrue(e.getMessage().startsWith("test.csv: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsFixtureWithBlanksAndGroundTruth() throws IOException, URISyntaxException {
        Path file = Path.of(CsvReaderTest.class.getResource("small.csv").toURI());
        DiscoveryData d = CsvReader.read(
                file,
                CsvReader.options()
                        .labelColumn("label")
                        .groundTruthColumn("truth")
                        .build());
        assertEquals(5, d.numRows(), "the blank line is skipped");
        assertArrayEquals(new int[] {2}, d.sampleShape());
        assertEquals(List.of("x1", "x2"), d.featureNames());
        assertEquals(List.of("a", "b"), d.knownClassNames(), "distinct non-blank labels, sorted");
        assertArrayEquals(new int[] {1, U, 0, 1, U}, d.knownLabels(), "empty and whitespace cells are unlabeled");
        assertArrayEquals(new float[] {1f, 2f, 0.5f, -0.1f, 3f, 4f, -2.5f, 0.5f, 7f, 0f}, d.features());
        assertEquals(List.of("a", "b", "c"), d.groundTruthNames());
        assertArrayEquals(new int[] {1, 2, 0, 1, 2}, d.groundTruth());
    }

    @Test
    void withoutGroundTruthColumnTheTruthColumnWouldBeAFeature() throws IOException {
        DiscoveryData d = read("f,label\n1,x\n2,\n", LABEL);
        assertFalse(d.hasGroundTruth());
        assertEquals(List.of("x"), d.knownClassNames());
        assertArrayEquals(new int[] {0, U}, d.knownLabels());
        // a text column that is not declared as label or truth must be numeric
        String m = error("f,label,truth\n1,x,a\n", LABEL);
        assertTrue(m.contains("line 2") && m.contains("\"truth\"") && m.contains("\"a\""), m);
    }

    @Test
    void classNamesAreSortedInStringOrder() throws IOException {
        DiscoveryData d = read("label,v\nzebra,1\nApple,2\napple,3\n10,4\n9,5\nzebra,6\n", LABEL);
        assertEquals(List.of("10", "9", "Apple", "apple", "zebra"), d.knownClassNames());
        assertArrayEquals(new int[] {4, 2, 3, 0, 1, 4}, d.knownLabels());
    }

    @Test
    void otherDelimitersQuotesBomAndReaderLeftOpen() throws IOException {
        DiscoveryData semi = read(
                "\uFEFFa;label;b\n1.5;x;\"2\"\n",
                CsvReader.options().labelColumn("label").delimiter(';').build());
        assertEquals(List.of("a", "b"), semi.featureNames());
        assertArrayEquals(new float[] {1.5f, 2f}, semi.features());
        String m = error(
                "a;label\n1,5;x\n",
                CsvReader.options().labelColumn("label").delimiter(';').build());
        assertTrue(m.contains("\"1,5\" is not a number"), m);

        DiscoveryData tab = read(
                "a\tlabel\n3\ty\n",
                CsvReader.options().labelColumn("label").delimiter('\t').build());
        assertArrayEquals(new float[] {3f}, tab.features());

        boolean[] closed = {false};
        StringReader reader = new StringReader("a,label\n1,x\n") {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        CsvReader.read(reader, "r", LABEL);
        assertFalse(closed[0]);
    }

    @Test
    void lineNumbersCountBlankLinesAndMultiLineCells() throws IOException {
        // line 1 header, line 2 blank, lines 3-4 one record with a quoted label spanning two lines, line 5 bad
        DiscoveryData d = read("a,label\n\n1,\"two\nlines\"\n2,x\n", LABEL);
        assertEquals(List.of("two\nlines", "x"), d.knownClassNames());
        String m = error("a,label\n\n1,\"two\nlines\"\nbad,x\n", LABEL);
        assertTrue(m.contains("line 5") && m.contains("column \"a\"") && m.contains("\"bad\""), m);
    }

    @Test
    void badCellsNameLineColumnAndText() {
        String m = error("a,b,label\n1,2,x\n3,4x,y\n", LABEL);
        assertTrue(m.contains("line 3") && m.contains("column \"b\"") && m.contains("\"4x\""), m);
        m = error("a,b,label\n1,,x\n", LABEL);
        assertTrue(m.contains("line 2") && m.contains("column \"b\"") && m.contains("missing value"), m);
        m = error("a,b,label\n1,   ,x\n", LABEL);
        assertTrue(m.contains("missing value"), m);
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "1f", "0x10", "1e", "--1"}) {
            m = error("a,label\n" + bad + ",x\n", LABEL);
            assertTrue(m.contains("line 2") && m.contains("column \"a\"") && m.contains("\"" + bad + "\""), m);
        }
        m = error("a,label\n1e39,x\n", LABEL);
        assertTrue(m.contains("line 2") && m.contains("outside the range of a float"), m);
    }

    @Test
    void structuralErrors() {
        String m = error("a,b,class\n1,2,x\n", LABEL);
        assertTrue(m.contains("no label column \"label\"") && m.contains("[a, b, class]"), m);
        m = error("a,label,a\n1,x,2\n", LABEL);
        assertTrue(m.contains("duplicate column name \"a\"") && m.contains("columns 1 and 3"), m);
        m = error("a, ,label\n1,2,x\n", LABEL);
        assertTrue(m.contains("column 2") && m.contains("empty name"), m);
        m = error("a,b,label\n1,2,x\n3,y\n", LABEL);
        assertTrue(m.contains("line 3 has 2 cells, expected 3"), m);
        m = error("a,b,label\n1,2,x,4\n", LABEL);
        assertTrue(m.contains("line 2 has 4 cells, expected 3"), m);
        m = error("label\nx\n", LABEL);
        assertTrue(m.contains("no feature columns"), m);
        m = error(
                "label,truth\nx,y\n",
                CsvReader.options()
                        .labelColumn("label")
                        .groundTruthColumn("truth")
                        .build());
        assertTrue(m.contains("no feature columns"), m);
        m = error("", LABEL);
        assertTrue(m.contains("empty"), m);
        m = error("\n\n", LABEL);
        assertTrue(m.contains("empty"), m);
        m = error("a,label\n", LABEL);
        assertTrue(m.contains("no data rows"), m);
        m = error("a,label\n1,\"unterminated\n", LABEL);
        assertTrue(m.contains("malformed CSV"), m);
    }

    @Test
    void groundTruthErrors() {
        CsvReader.Options withTruth = CsvReader.options()
                .labelColumn("label")
                .groundTruthColumn("truth")
                .build();
        String m = error("a,label\n1,x\n", withTruth);
        assertTrue(m.contains("no ground-truth column \"truth\"") && m.contains("[a, label]"), m);
        m = error("a,label,truth\n1,x,x\n2,,\n", withTruth);
        assertTrue(m.contains("line 3") && m.contains("column \"truth\"") && m.contains("missing value"), m);
    }

    @Test
    void optionsAreValidatedAndImmutable() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> CsvReader.options().build());
        assertTrue(e.getMessage().contains("labelColumn"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> CsvReader.options()
                        .labelColumn("y")
                        .groundTruthColumn("y")
                        .build());
        assertTrue(e.getMessage().contains("groundTruthColumn"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> CsvReader.options().labelColumn("y").delimiter('"').build());
        assertTrue(e.getMessage().contains("delimiter"), e.getMessage());

        CsvReader.Options.Builder b = CsvReader.options().labelColumn(" y ");
        CsvReader.Options o = b.build();
        b.labelColumn("z").delimiter(';');
        assertEquals("y", o.labelColumn());
        assertEquals(',', o.delimiter());
        assertNull(o.groundTruthColumn());
        CsvReader.Options copy = o.toBuilder().delimiter('\t').build();
        assertEquals("y", copy.labelColumn());
        assertEquals('\t', copy.delimiter());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = Path.of("target", "no-such.csv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> CsvReader.read(missing, LABEL));
        assertTrue(e.getMessage().contains("no-such.csv"), e.getMessage());
    }

    @Test
    void aByteOrderMarkReadsTheSameAsWithoutOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        for (String text : List.of("a,label,b\n1,x,2\n3,,4\n", "\"a\",label,b\n1,x,2\n3,,4\n")) {
            DiscoveryData plain = read(text, LABEL);
            DiscoveryData bom = read("\uFEFF" + text, LABEL);
            assertEquals(List.of("a", "b"), plain.featureNames());
            assertEquals(plain.featureNames(), bom.featureNames(), text);
            assertArrayEquals(plain.features(), bom.features(), text);
            assertArrayEquals(plain.knownLabels(), bom.knownLabels(), text);
            java.nio.file.Path file = dir.resolve("bom.csv");
            java.nio.file.Files.write(file, ("\uFEFF" + text).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            DiscoveryData fromFile = CsvReader.read(file, LABEL);
            assertEquals(plain.featureNames(), fromFile.featureNames(), text);
            assertArrayEquals(plain.features(), fromFile.features(), text);
        }
    }
}
