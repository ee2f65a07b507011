// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.BATCH_SIZE;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.HNG_MIXING;
import static org.ncl.core.options.NclOptions.MLP_HIDDEN_SIZES;
import static org.ncl.core.options.NclOptions.PSEUDO_LABELS;
import static org.ncl.core.options.NclOptions.SEED;
import static org.ncl.core.options.NclOptions.TABULAR_NOISE;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.PseudoLabels;
import org.tribuo.test.Helpers;

/** Configuration of {@link NclTrainer}: option fields, pass-through, validation, seeds and invocation counts. */
class NclTrainerConfigTest {

    @Test
    void everyCoreOptionHasAConfigFieldDerivedFromItsDeclaration() throws Exception {
        Map<String, String> descriptions = new java.util.HashMap<>();
        for (Class<?> c = NclTrainer.class; c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                com.oracle.labs.mlrg.olcut.config.Config config =
                        f.getAnnotation(com.oracle.labs.mlrg.olcut.config.Config.class);
                if (config != null) {
                    descriptions.put(f.getName(), config.description());
                }
            }
        }
        for (org.ncl.core.options.Setting<?> s : NclOptions.settings()) {
            assertTrue(descriptions.containsKey(s.name()), "no @Config field for core option " + s.name());
            if (!s.name().equals("seed")) { // the trainer's seed seeds the per-call core seeds
                assertTrue(
                        descriptions.get(s.name()).startsWith(s.description()),
                        s.name() + ": " + descriptions.get(s.name()));
            }
        }
        // every option also passes through coreOptions by name
        Map<String, String> defaults = NclOptions.builder(3).build().toMap();
        for (String name : NclOptions.names()) {
            if (name.equals("seed") || name.equals("numNovelClasses")) {
                continue;
            }
            NclTrainer t = new NclTrainer(NclOptions.builder(3).build(), "", 1L, Map.of(name, defaults.get(name)));
            assertEquals(defaults.get(name), t.coreOptionsResolved().toMap().get(name));
        }
        // all settings of NclOptions reach the core (except the seed, derived per call)
        NclOptions custom = NclOptions.builder(4)
                .set(BATCH_SIZE, 32)
                .set(MLP_HIDDEN_SIZES, List.of(64, 8))
                .set(HNG_MIXING, List.of(0.25, 0.5))
                .set(ENCODER, EncoderType.MLP)
                .set(PSEUDO_LABELS, PseudoLabels.COSINE)
                .set(TABULAR_NOISE, 0.2)
                .set(SEED, 99L)
                .build();
        Map<String, String> resolved =
                new NclTrainer(custom, "", 5L).coreOptionsResolved().toMap();
        Map<String, String> expected = new java.util.LinkedHashMap<>(custom.toMap());
        expected.put("seed", resolved.get("seed"));
        assertEquals(expected, resolved);
    }

    @Test
    void coreOptionsAreValidatedByTheCore() {
        NclOptions o = NclOptions.builder(3).build();
        PropertyException unknown =
                assertThrows(PropertyException.class, () -> new NclTrainer(o, "", 1L, Map.of("noSuchOption", "1")));
        assertTrue(unknown.getMessage().contains("unknown option 'noSuchOption'"), unknown.getMessage());
        PropertyException field = assertThrows(
                PropertyException.class,
                () -> new NclTrainer(o.toBuilder().set(BATCH_SIZE, 32).build(), "", 1L, Map.of("batchSize", "64")));
        assertTrue(
                field.getMessage()
                        .contains("'batchSize' is set both in coreOptions and in its own configuration field"),
                field.getMessage());
        PropertyException seed =
                assertThrows(PropertyException.class, () -> new NclTrainer(o, "", 1L, Map.of("seed", "3")));
        assertTrue(seed.getMessage().contains("option 'seed' cannot be set in coreOptions"), seed.getMessage());
        PropertyException novel = assertThrows(PropertyException.class, () -> new NclTrainer(0, 1L));
        assertTrue(novel.getMessage().contains("numNovelClasses"), novel.getMessage());
        PropertyException shape = assertThrows(PropertyException.class, () -> new NclTrainer(o, "1,28", 1L));
        assertTrue(shape.getMessage().contains("imageShape"), shape.getMessage());
    }

    @Test
    void badFieldValueFromAConfigFileNamesTheOption(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("bad.xml");
        Files.writeString(
                xml,
                "<?xml version=\"1.0\"?>\n<config>\n"
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
        assertEquals(
                "1",
                trainer.getProvenance()
                        .getConfiguredParameters()
                        .get("pretrainEpochs")
                        .toString()
                        .replaceAll(".*=", ""));
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
