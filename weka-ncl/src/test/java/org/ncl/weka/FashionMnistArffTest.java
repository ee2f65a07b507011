// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.data.DiscoveryData;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** The Fashion-MNIST ARFF writer and the file shipped with the package. */
class FashionMnistArffTest {

    /** The ARFF file shipped in the Weka package (data/ of the zip). */
    static final Path SHIPPED = Path.of("src/main/weka-package/data/fashion-mnist-2000.arff.gz");

    @Test
    void writesPixelsKnownLabelsAndTruthThatWekaReadsBack(@TempDir Path dir) throws Exception {
        Instances written = FashionMnistArff.sample(50, 4, true);
        File file = dir.resolve("f.arff.gz").toFile();
        FashionMnistArff.write(written, file);
        Instances read = DataSource.read(file.getPath());
        assertEquals(50, read.numInstances());
        assertEquals(786, read.numAttributes());
        assertTrue(read.attribute("known").isNominal());
        assertEquals(5, read.attribute("known").numValues());
        assertEquals(10, read.attribute("class").numValues());
        DiscoveryData images = Fixtures.fashion();
        int[] rows = FashionMnistArff.stratifiedRows(images, 50, 4);
        for (int i = 0; i < 50; i++) {
            int truth = (int) read.instance(i).value(read.attribute("class"));
            assertEquals(images.groundTruth()[rows[i]], truth);
            // known label exactly for classes 0-4, missing for the novel classes 5-9
            assertEquals(truth >= 5, read.instance(i).isMissing(read.attribute("known")), "instance " + i);
            if (truth < 5) {
                assertEquals(truth, (int) read.instance(i).value(read.attribute("known")));
            }
            for (int f = 0; f < 784; f += 97) {
                assertEquals(
                        Math.round(images.value(rows[i], f) * 255),
                        read.instance(i).value(f),
                        0.0);
            }
        }
    }

    @Test
    void theShippedFileIsTheStratifiedSampleOf2000() throws Exception {
        assertTrue(Files.size(SHIPPED) < 5_000_000, "keep the shipped file small");
        Instances shipped = DataSource.read(SHIPPED.toString());
        assertEquals(2000, shipped.numInstances());
        int[] perClass = shipped.attributeStats(shipped.attribute("class").index()).nominalCounts;
        for (int c : perClass) {
            assertEquals(200, c);
        }
        assertEquals(1000, shipped.attributeStats(shipped.attribute("known").index()).missingCount);
        Instances expected = FashionMnistArff.sample(2000, 1, true);
        for (int i = 0; i < 2000; i += 50) {
            assertEquals(expected.instance(i).toString(), shipped.instance(i).toString(), "instance " + i);
        }
    }
}
