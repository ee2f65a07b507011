// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.BATCH_SIZE;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.tribuo.data.BlankLabelResponseProcessor;
import org.ncl.tribuo.data.NclCsv;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.test.Helpers;

/** CSV files with blank label cells, and the OLCUT XML configuration example. */
class CsvAndConfigTest {

    private static final Path CSV = Path.of("src/test/resources/org/ncl/tribuo/blobs.csv");
    private static final Path CONFIG = Path.of("src/test/resources/org/ncl/tribuo/ncl-tribuo-config.xml");

    @Test
    void blankCellsAreUnlabeled() {
        BlankLabelResponseProcessor p = new BlankLabelResponseProcessor("label");
        assertEquals(Optional.empty(), p.process(List.of("")));
        assertEquals(Optional.empty(), p.process(List.of("   ")));
        assertEquals(Optional.of(new Label("cat")), p.process(List.of(" cat ")));
        assertEquals(List.of("label"), p.getFieldNames());
        Helpers.testConfigurableRoundtrip(p);
    }

    @Test
    void csvHelperReadsUnknownRows(@TempDir Path dir) throws Exception {
        MutableDataset<Label> ds = new MutableDataset<>(NclCsv.dataSource(CSV, "label"));
        assertEquals(160, ds.size());
        assertEquals(4, ds.getFeatureIDMap().size());
        long unknown = ds.getData().stream()
                .filter(e -> LabelFactory.UNKNOWN_LABEL.equals(e.getOutput()))
                .count();
        assertEquals(80, unknown);
        assertEquals(80, DatasetConverter.toDiscoveryData(ds, null).data().unlabeledRows().length);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x0,x1,label\n1.0,abc,a\n");
        RuntimeException e =
                assertThrows(RuntimeException.class, () -> new MutableDataset<>(NclCsv.dataSource(bad, "label")));
        assertTrue(
                String.valueOf(e.getMessage()).contains("abc")
                        || String.valueOf(e.getCause()).contains("abc"),
                e.toString());
        IllegalArgumentException noLabel =
                assertThrows(IllegalArgumentException.class, () -> NclCsv.dataSource(CSV, "class"));
        assertTrue(noLabel.getMessage().contains("no column 'class'"), noLabel.getMessage());
    }

    @Test
    void aByteOrderMarkReadsTheSameAsWithoutOne(@TempDir Path dir) throws Exception {
        String text = Files.readString(CSV);
        Path bom = dir.resolve("bom.csv");
        Files.writeString(bom, "\uFEFF" + text);
        MutableDataset<Label> plain = new MutableDataset<>(NclCsv.dataSource(CSV, "label"));
        MutableDataset<Label> withBom = new MutableDataset<>(NclCsv.dataSource(bom, "label"));
        assertEquals(plain.getFeatureIDMap().size(), withBom.getFeatureIDMap().size());
        assertEquals(
                new java.util.TreeSet<>(plain.getFeatureMap().keySet()),
                new java.util.TreeSet<>(withBom.getFeatureMap().keySet()));
        assertEquals(plain.size(), withBom.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.getExample(i).toString(), withBom.getExample(i).toString(), "row " + i);
        }
    }

    @Test
    void xmlConfigBuildsTrainerAndSourceAndTrains() {
        ConfigurationManager cm = new ConfigurationManager(CONFIG.toString());
        try {
            NclTrainer trainer = (NclTrainer) cm.lookup("trainer");
            @SuppressWarnings("unchecked")
            DataSource<Label> source = (DataSource<Label>) cm.lookup("train-source");
            assertEquals(2, trainer.coreOptionsResolved().numNovelClasses());
            assertEquals(32, trainer.coreOptionsResolved().get(BATCH_SIZE));
            MutableDataset<Label> ds = new MutableDataset<>(source);
            try (NclModel model = trainer.train(ds)) {
                assertEquals(java.util.Set.of("a", "b"), model.knownLabels());
                assertEquals(List.of("novel-0", "novel-1"), model.novelLabels());
                List<Prediction<Label>> p = model.predict(ds);
                assertEquals(160, p.size());
                for (Prediction<Label> x : p) {
                    assertEquals(4, x.getOutputScores().size());
                }
                // the configured trainer's provenance names the config values
                assertEquals(
                        "12345",
                        model.getProvenance()
                                .getTrainerProvenance()
                                .getConfiguredParameters()
                                .get("seed")
                                .toString()
                                .replaceAll(".*=", ""));
                Example<Label> e = ds.getExample(0);
                assertEquals(e.getOutput().getLabel(), "a");
            }
        } finally {
            cm.close();
        }
    }
}
