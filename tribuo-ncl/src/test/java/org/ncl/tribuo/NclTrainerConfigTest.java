package org.ncl.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclOptions;
import org.tribuo.test.Helpers;

/** Configuration of {@link NclTrainer}: option fields, pass-through, validation, seeds and invocation counts. */
class NclTrainerConfigTest {

    @Test
    void everyFieldIsACoreOptionAndEveryCoreOptionIsReachable() {
        Set<String> fields = NclTrainer.optionFields().keySet();
        assertTrue(NclOptions.names().containsAll(fields), "fields that are not core options: " + fields);
        Set<String> withoutField = new HashSet<>(NclOptions.names());
        withoutField.removeAll(fields);
        withoutField.remove("seed");
        Map<String, String> defaults = NclOptions.builder(3).build().toMap();
        // options without a field of their own (e.g. added to the core later) pass through coreOptions
        for (String name : withoutField) {
            NclTrainer t = new NclTrainer(NclOptions.builder(3).build(), "", 1L, Map.of(name, defaults.get(name)));
            assertEquals(defaults.get(name), t.coreOptionsResolved().toMap().get(name));
        }
        // all settings of NclOptions reach the core (except the seed, derived per call)
        NclOptions custom = NclOptions.builder(4).batchSize(32).mlpHiddenSizes(64, 8).hngMixing(0.25, 0.5)
                .encoder(NclOptions.EncoderType.MLP).pseudoLabels(NclOptions.PseudoLabels.COSINE).tabularNoise(0.2).seed(99).build();
        Map<String, String> resolved = new NclTrainer(custom, "", 5L).coreOptionsResolved().toMap();
        Map<String, String> expected = new java.util.LinkedHashMap<>(custom.toMap());
        expected.put("seed", resolved.get("seed"));
        assertEquals(expected, resolved);
    }

    @Test
    void coreOptionsAreValidatedByTheCore() {
        NclOptions o = NclOptions.builder(3).build();
        PropertyException unknown = assertThrows(PropertyException.class,
                () -> new NclTrainer(o, "", 1L, Map.of("noSuchOption", "1")));
        assertTrue(unknown.getMessage().contains("unknown option 'noSuchOption'"), unknown.getMessage());
        PropertyException field = assertThrows(PropertyException.class,
                () -> new NclTrainer(o, "", 1L, Map.of("batchSize", "64")));
        assertTrue(field.getMessage().contains("'batchSize' has its own configuration field"), field.getMessage());
        PropertyException seed = assertThrows(PropertyException.class,
                () -> new NclTrainer(o, "", 1L, Map.of("seed", "3")));
        assertTrue(seed.getMessage().contains("option 'seed' cannot be set in coreOptions"), seed.getMessage());
        PropertyException novel = assertThrows(PropertyException.class, () -> new NclTrainer(0, 1L));
        assertTrue(novel.getMessage().contains("numNovelClasses"), novel.getMessage());
        PropertyException shape = assertThrows(PropertyException.class, () -> new NclTrainer(o, "1,28", 1L));
        assertTrue(shape.getMessage().contains("imageShape"), shape.getMessage());
    }

    @Test
    void badFieldValueFromAConfigFileNamesTheOption(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("bad.xml");
        Files.writeString(xml, "<?xml version=\"1.0\"?>\n<config>\n"
                + "  <component name=\"trainer\" type=\"org.ncl.tribuo.NclTrainer\">\n"
                + "    <property name=\"numNovelClasses\" value=\"3\"/>\n"
                + "    <property name=\"batchSize\" value=\"2\"/>\n"
                + "  </component>\n</config>\n");
        ConfigurationManager cm = new ConfigurationManager(xml.toString());
        RuntimeException e = assertThrows(RuntimeException.class, () -> cm.lookup("trainer"));
        String all = messages(e);
        assertTrue(all.contains("option 'batchSize' must be at least 4, got 2"), all);
        cm.close();
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    @Test
    void configurableRoundTripAndProvenance() {
        NclTrainer trainer = TestData.fashionTrainer();
        Helpers.testConfigurableRoundtrip(trainer);
        Helpers.testProvenanceMarshalling(trainer.getProvenance());
        assertEquals("1", trainer.getProvenance().getConfiguredParameters().get("pretrainEpochs").toString().replaceAll(".*=", ""));
    }

    @Test
    void seedAndInvocationCountAsKMeansTrainer() {
        NclTrainer trainer = new NclTrainer(3, 17L);
        assertEquals(0, trainer.getInvocationCount());
        SplittableRandom r = new SplittableRandom(17L);
        long first = r.split().nextLong();
        long second = r.split().nextLong();
        assertEquals(first, NclTrainer.coreSeedFor(17L, 0));
        assertEquals(second, NclTrainer.coreSeedFor(17L, 1));
        trainer.setInvocationCount(5);
        assertEquals(5, trainer.getInvocationCount());
        assertThrows(IllegalArgumentException.class, () -> trainer.setInvocationCount(-1));
    }
}
