// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.Setting;
import weka.clusterers.NCL;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

/**
 * A model saved by weka-ncl 0.1 (commit 4ea68b9, which kept every option in a field of its own) still loads, predicts
 * what it predicted then and describes itself with the same option values. The golden files in
 * {@code golden/} were written by that version: the serialised clusterer, the 64 instances it was trained on, its
 * cluster and distribution for each instance, its {@code getOptions()} and its {@code toString()}.
 */
class GoldenModelTest {

    private static final String DIR = "golden/";

    private NCL loaded;

    @BeforeEach
    void load() throws Exception {
        try (InputStream in = resource("ncl-v0.1-weka.model")) {
            loaded = (NCL) SerializationHelper.read(in);
        }
    }

    @AfterEach
    void close() {
        loaded.closeModel();
    }

    @Test
    void predictsWhatVersion01Predicted() throws Exception {
        Instances data = data();
        List<String> rows = lines("ncl-v0.1-predictions.csv");
        String[] header = rows.get(0).split(",");
        assertEquals(List.of("a", "b", "novel-0", "novel-1"), loaded.getClusterNames());
        assertEquals(header.length - 2, loaded.numberOfClusters());
        assertEquals(data.numInstances(), rows.size() - 1);
        double[][] batch = loaded.distributionsForInstances(data);
        for (int i = 0; i < data.numInstances(); i++) {
            String[] cells = rows.get(i + 1).split(",");
            assertEquals(i, Integer.parseInt(cells[0]));
            double[] expected = new double[cells.length - 2];
            for (int c = 0; c < expected.length; c++) {
                expected[c] = Double.parseDouble(cells[c + 2]);
            }
            assertEquals(
                    Integer.parseInt(cells[1]), loaded.clusterInstance(data.instance(i)), "cluster of instance " + i);
            assertArrayEquals(
                    expected, loaded.distributionForInstance(data.instance(i)), 1e-6, "distribution of instance " + i);
            assertArrayEquals(expected, batch[i], 1e-6, "batch distribution of instance " + i);
        }
    }

    @Test
    void hasTheOptionValuesOfVersion01() throws Exception {
        String stored = lines("ncl-v0.1-options.txt").get(0);
        Map<String, String> old = byFlag(Utils.splitOptions(stored));
        Map<String, String> now = byFlag(loaded.getOptions());
        System.out.println("NCL 0.1 model: " + stored + "\n  options now: " + Utils.joinOptions(loaded.getOptions()));
        // version 0.1 listed every option; this one lists the core settings that differ from the core's defaults
        for (Map.Entry<String, String> e : old.entrySet()) {
            String flag = e.getKey();
            String value = now.get(flag);
            if (value == null) {
                Setting<?> s = settingOfFlag(flag);
                assertNotNull(s, "-" + flag + " " + e.getValue() + " is lost: " + now);
                value = s.defaultText();
            }
            assertSameValue(flag, e.getValue(), value);
        }
        assertTrue(old.keySet().containsAll(now.keySet()), "options that 0.1 did not have: " + now + " vs " + old);
        for (String flag : List.of(
                "known-label",
                "ground-truth",
                "num-novel",
                "pretrain-epochs",
                "supervised-epochs",
                "discovery-epochs",
                "encoder",
                "training-batch-size",
                "learning-rate",
                "device",
                "bce-weight",
                "core-options",
                "batch-size",
                "S")) {
            assertTrue(now.containsKey(flag), "-" + flag + " in " + now);
        }
        assertEquals("known", loaded.getKnownLabelAttribute());
        assertEquals("truth", loaded.getGroundTruthAttribute());
        assertEquals(2, loaded.getNumNovelClasses());
        assertEquals(1, loaded.getDiscoveryEpochs());
        assertEquals(0.05, loaded.getLearningRate());
        assertEquals("MLP", loaded.getEncoder().getSelectedTag().getIDStr());
        assertEquals("CPU", loaded.getDevice().getSelectedTag().getIDStr());
        assertEquals(0.5, loaded.getBceWeight());
        assertEquals(1.0, loaded.getNclWeight());
        assertEquals(7, loaded.getSeed());
        assertEquals("20", loaded.getBatchSize());

        // the settings the old command line gives this version (whose setOptions, unlike its setters, also keeps the
        // values that equal the core's defaults, so the option lists differ by those)
        NCL fromText = new NCL();
        fromText.setOptions(Utils.splitOptions(stored));
        assertEquals(fromText.coreOptions(), loaded.coreOptions());
        assertEquals(fromText.getCoreOptions(), loaded.getCoreOptions());
        assertEquals(fromText.getBatchSize(), loaded.getBatchSize());
    }

    @Test
    void describesItselfWithTheSummaryOfVersion01() throws Exception {
        String text = loaded.toString();
        assertTrue(text.contains("Options: " + Utils.joinOptions(loaded.getOptions()) + "\n\n"), text);
        String old = String.join("\n", lines("ncl-v0.1-toString.txt")) + "\n";
        String summary = old.substring(old.indexOf("Training data:"));
        assertTrue(text.endsWith(summary), text);
    }

    @Test
    void savedAgainItKeepsItsSettingsAndPredictions() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.write(bytes, loaded);
        NCL again = (NCL) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
        try {
            assertArrayEquals(loaded.getOptions(), again.getOptions());
            assertEquals(loaded.toString(), again.toString());
            Instances data = data();
            for (int i = 0; i < data.numInstances(); i += 7) {
                assertArrayEquals(
                        loaded.distributionForInstance(data.instance(i)),
                        again.distributionForInstance(data.instance(i)),
                        0.0,
                        "instance " + i);
            }
            again.setDiscoveryEpochs(NclOptions.DISCOVERY_EPOCHS.defaultValue());
            assertTrue(
                    !byFlag(again.getOptions()).containsKey("discovery-epochs"), Utils.joinOptions(again.getOptions()));
        } finally {
            again.closeModel();
        }
    }

    private static void assertSameValue(String flag, String expected, String actual) {
        try {
            assertEquals(Double.parseDouble(expected), Double.parseDouble(actual), 0.0, "-" + flag);
        } catch (NumberFormatException e) {
            assertEquals(expected, actual, "-" + flag);
        }
    }

    private static Setting<?> settingOfFlag(String flag) {
        for (Setting<?> s : NclOptions.settings()) {
            if (NCL.flag(s).equals(flag)) {
                return s;
            }
        }
        return null;
    }

    private static Map<String, String> byFlag(String[] options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i++) {
            if (options[i].isEmpty()) {
                continue;
            }
            assertTrue(
                    options[i].startsWith("-") && i + 1 < options.length,
                    "not a flag and a value: " + List.of(options));
            out.put(options[i].substring(1), options[++i]);
        }
        return out;
    }

    private static Instances data() throws IOException {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(resource("ncl-v0.1-data.arff"), StandardCharsets.UTF_8))) {
            return new Instances(in);
        }
    }

    private static List<String> lines(String name) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = GoldenModelTest.class.getResourceAsStream(DIR + name);
        assertNotNull(in, "test resource " + DIR + name);
        return in;
    }
}
