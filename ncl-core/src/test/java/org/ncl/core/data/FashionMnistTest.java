// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    private static DiscoveryData test;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        test = FashionMnist.embeddedTest();
    }

    @Test
    void classNames() {
        assertEquals(
                List.of(
                        "T-shirt/top",
                        "Trouser",
                        "Pullover",
                        "Dress",
                        "Coat",
                        "Sandal",
                        "Shirt",
                        "Sneaker",
                        "Bag",
                        "Ankle boot"),
                FashionMnist.CLASS_NAMES);
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), FashionMnist.DEFAULT_DIRECTORY);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, FashionMnist.defaultKnownClasses());
    }

    @Test
    void embeddedTestSplitHasKnownAndNovelHalves() {
        assertEquals(10_000, test.numRows());
        assertArrayEquals(new int[] {1, 28, 28}, test.sampleShape());
        assertEquals(784, test.numFeatures());
        assertEquals(FashionMnist.CLASS_NAMES.subList(0, 5), test.knownClassNames());
        assertEquals(FashionMnist.CLASS_NAMES, test.groundTruthNames());
        assertEquals(5_000, test.labeledRows().length);
        assertEquals(5_000, test.unlabeledRows().length);

        int[] truth = test.groundTruth();
        int[] perClass = new int[10];
        for (int i = 0; i < truth.length; i++) {
            perClass[truth[i]]++;
            int known = test.knownLabel(i);
            if (truth[i] < 5) {
                assertEquals(truth[i], known, "row " + i + ": a known class keeps its label");
            } else {
                assertEquals(DiscoveryData.UNLABELED, known, "row " + i + ": a novel class is unlabeled");
            }
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1_000, perClass[c], "class " + c);
        }
    }

    @Test
    void embeddedTestSplitMatchesReferenceValues() {
        // reference values computed from t10k-*.gz with Python's gzip module
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, java.util.Arrays.copyOf(test.groundTruth(), 10));
        assertEquals(5, test.groundTruth()[9_999]);
        float[] first = test.row(0);
        double sum = 0;
        for (float v : first) {
            sum += v;
        }
        assertEquals(33456 / 255.0, sum, 1e-3, "sum of the bytes of image 0 is 33456");
        assertEquals(110 / 255f, test.value(0, 14 * 28 + 14), 0f, "centre pixel of image 0 is byte 110");

        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        double total = 0;
        for (float v : test.features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            total += v;
        }
        assertEquals(0f, min, 0f);
        assertEquals(1f, max, 0f);
        assertEquals(573_469_082 / 255.0, total, 1.0, "sum of all bytes is 573,469,082");
    }

    @Test
    void embeddedTestSplitWithOtherKnownClasses() {
        DiscoveryData d = FashionMnist.embeddedTest(new int[] {9, 0});
        assertEquals(List.of("Ankle boot", "T-shirt/top"), d.knownClassNames());
        assertEquals(2_000, d.labeledRows().length);
        assertEquals(0, d.knownLabel(0), "row 0 is an ankle boot, the first known class");
        assertEquals(test.sha256().length(), d.sha256().length());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FashionMnist.embeddedTest(new int[] {10}));
        assertTrue(e.getMessage().contains("known class id 10"), e.getMessage());
    }

    @Test
    void fullSetFromDefaultDirectory() throws IOException {
        Path train = FashionMnist.DEFAULT_DIRECTORY.resolve("train-images-idx3-ubyte.gz");
        Assumptions.assumeTrue(
                Files.isRegularFile(train),
                "Fashion-MNIST is not installed in " + FashionMnist.DEFAULT_DIRECTORY
                        + " (Debian package dataset-fashion-mnist); skipping the full set");
        DiscoveryData d = FashionMnist.load(true);
        assertEquals(60_000, d.numRows());
        assertArrayEquals(new int[] {1, 28, 28}, d.sampleShape());
        assertEquals(30_000, d.labeledRows().length);
        int[] perClass = new int[10];
        for (int t : d.groundTruth()) {
            perClass[t]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(6_000, perClass[c], "class " + c);
        }
        // the test split on disk is the embedded one
        DiscoveryData onDisk =
                FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, false, FashionMnist.defaultKnownClasses());
        assertEquals(test.sha256(), onDisk.sha256());
        assertArrayEquals(test.groundTruth(), onDisk.groundTruth());
    }

    @Test
    void missingDirectoryOrFilesSayHowToInstall() throws IOException {
        Path missing = dir.resolve("nowhere");
        NoSuchFileException e = assertThrows(
                NoSuchFileException.class, () -> FashionMnist.load(missing, true, FashionMnist.defaultKnownClasses()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());

        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[0]);
        e = assertThrows(
                NoSuchFileException.class, () -> FashionMnist.load(dir, true, FashionMnist.defaultKnownClasses()));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    }

    /** 20 images of 28x28 where image i is filled with byte 10*i, labels i % 10. */
    private void writeSmallSet(String prefix, int count, int labelCount, int size) throws IOException {
        int[] pixels = new int[count * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 10 * (i / (size * size));
        }
        int[] labels = new int[labelCount];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        // uncompressed files without .gz are found too
        Files.write(
                dir.resolve(prefix + "-images-idx3-ubyte"),
                IdxReaderTest.imageFile(IdxReader.IMAGES_MAGIC, count, size, size, pixels));
        Files.write(
                dir.resolve(prefix + "-labels-idx1-ubyte.gz"),
                IdxReaderTest.gzip(IdxReaderTest.labelFile(IdxReader.LABELS_MAGIC, labels)));
    }

    @Test
    void loadsSmallSetFromDirectory() throws IOException {
        writeSmallSet("t10k", 20, 20, 28);
        DiscoveryData d = FashionMnist.load(dir, false, new int[] {3, 4});
        assertEquals(20, d.numRows());
        assertEquals(List.of("Dress", "Coat"), d.knownClassNames());
        assertArrayEquals(new int[] {3, 4, 13, 14}, d.labeledRows());
        assertEquals(130 / 255f, d.value(13, 500), 0f);
    }

    @Test
    void mismatchedFilesAreErrors() throws IOException {
        writeSmallSet("train", 20, 19, 28);
        IOException e = assertThrows(IOException.class, () -> FashionMnist.load(dir, true, new int[] {0}));
        assertTrue(e.getMessage().contains("20 images but 19 labels"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());

        writeSmallSet("t10k", 20, 20, 14);
        e = assertThrows(IOException.class, () -> FashionMnist.load(dir, false, new int[] {0}));
        assertTrue(e.getMessage().contains("14x14") && e.getMessage().contains("expected 28x28"), e.getMessage());
    }
}
