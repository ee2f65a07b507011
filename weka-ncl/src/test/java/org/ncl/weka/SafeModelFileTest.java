// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.clusterers.NCL;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/** {@link NCL#saveSafe} and {@link NCL#loadSafe}: the clusterer without Java serialisation. */
class SafeModelFileTest {

    private static Instances data;
    private static NCL trained;

    /** Blobs with a nominal feature, a known-label attribute (classes 0 and 1 known) and a missing value. */
    @BeforeAll
    static void train() throws Exception {
        Instances blobs = Fixtures.blobs(4, 16, 3, 7);
        ArrayList<Attribute> atts = new ArrayList<>();
        for (int a = 0; a < blobs.numAttributes(); a++) {
            atts.add(new Attribute(blobs.attribute(a).name()));
        }
        atts.add(new Attribute("shade", List.of("light", "dark")));
        atts.add(new Attribute("known", List.of("c0", "c1", "unused")));
        data = new Instances("safe", atts, blobs.numInstances());
        for (int i = 0; i < blobs.numInstances(); i++) {
            int c = i / 16;
            double[] v = Arrays.copyOf(blobs.instance(i).toDoubleArray(), atts.size());
            v[3] = c % 2;
            v[4] = c < 2 && i % 2 == 0 ? c : Utils.missingValue();
            data.add(new DenseInstance(1, v));
        }
        data.instance(3).setMissing(0);
        trained = Fixtures.tinyNcl(2);
        trained.setKnownLabelAttribute("known");
        trained.buildClusterer(data);
    }

    @AfterAll
    static void close() {
        trained.closeModel();
    }

    @Test
    void roundTripGivesTheSamePredictionsAndOptions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ncl.zip");
        trained.saveSafe(file);
        NCL loaded = NCL.loadSafe(file);
        try {
            assertEquals(Arrays.asList(trained.getOptions()), Arrays.asList(loaded.getOptions()));
            assertEquals(trained.getClusterNames(), loaded.getClusterNames());
            double[][] expected = trained.distributionsForInstances(data);
            double[][] actual = loaded.distributionsForInstances(data);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], actual[i], 0, "instance " + i);
                assertArrayEquals(
                        trained.distributionForInstance(data.instance(i)),
                        loaded.distributionForInstance(data.instance(i)),
                        0,
                        "single instance " + i);
            }
            assertEquals(trained.toString(), loaded.toString());
        } finally {
            loaded.closeModel();
        }
    }

    @Test
    void aDamagedFileIsAnIoExceptionNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ncl.zip");
        trained.saveSafe(file);
        byte[] bytes = Files.readAllBytes(file);

        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        IOException x = assertThrows(IOException.class, () -> NCL.loadSafe(truncated));
        assertTrue(x.getMessage().contains(truncated.toString()), x.getMessage());

        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "not a zip at all");
        x = assertThrows(IOException.class, () -> NCL.loadSafe(garbage));
        assertTrue(x.getMessage().contains(garbage.toString()), x.getMessage());
    }

    @Test
    void anEncodingWithBadValuesIsAnIoExceptionNamingTheSource() {
        InstancesEncoding e = InstancesEncoding.fit(data, "known", "");
        com.google.gson.JsonObject json = e.toJson();
        json.getAsJsonArray("fill").set(3, new com.google.gson.JsonPrimitive(7)); // 'shade' has 2 values
        IOException x = assertThrows(IOException.class, () -> InstancesEncoding.fromJson(json, "some.zip"));
        assertTrue(x.getMessage().startsWith("some.zip: "), x.getMessage());
        assertTrue(x.getMessage().contains("'shade'"), x.getMessage());
    }

    @Test
    void theEncodingsJsonRoundTrips() throws Exception {
        InstancesEncoding e = InstancesEncoding.fit(data, "known", "");
        InstancesEncoding back = InstancesEncoding.fromJson(e.toJson(), "test");
        assertEquals(e.toString(), back.toString());
        assertEquals(e.columnNames(), back.columnNames());
        assertEquals(e.imputedValues(), back.imputedValues());
        assertEquals(e.unusedKnownValues(), back.unusedKnownValues());
        assertArrayEquals(e.features(data), back.features(data));
        assertArrayEquals(e.knownLabels(data), back.knownLabels(data));
        assertEquals(e.header().toString(), back.header().toString());
    }
}
