// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_MIXING;
import static org.ncl.core.options.NclOptions.LEARNING_RATE;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.SEED;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.NclOptions;

/** {@link Bench.Arguments}: the benchmark's {@code key=value} settings go through the core's {@code Builder.set}. */
class BenchArgumentsTest {

    private static final NclOptions DEFAULTS = NclOptions.builder(5).build();

    @Test
    void appliesSettingsOnTopOfTheDefaults() {
        Bench.Arguments cli = Bench.Arguments.parse(new String[] {
            "discoveryEpochs=2",
            "device=cpu",
            "hardNegatives=FALSE",
            "hngMixing=0.25,0.5",
            "learningRate=0.05",
            "lrSchedule=cosine",
            "falseNegatives=attract",
            "--out",
            "m.ncl"
        });
        NclOptions o = cli.options();
        assertEquals(2, o.get(DISCOVERY_EPOCHS));
        assertEquals(DeviceChoice.CPU, o.get(DEVICE));
        assertFalse(o.get(HARD_NEGATIVES));
        assertEquals(0.25, o.get(HNG_MIXING).get(0), 0.0);
        assertEquals(0.5, o.get(HNG_MIXING).get(1), 0.0);
        assertEquals(0.05, o.get(LEARNING_RATE), 0.0);
        // enum options of every kind parse by name, case-insensitively
        assertEquals("COSINE", o.toMap().get("lrSchedule"));
        assertEquals("ATTRACT", o.toMap().get("falseNegatives"));
        assertEquals(DEFAULTS.get(PRETRAIN_EPOCHS), o.get(PRETRAIN_EPOCHS));
        assertEquals(Optional.of(Path.of("m.ncl")), cli.out());
        assertFalse(cli.help());
        assertEquals(
                Map.of(
                        "discoveryEpochs",
                        "2",
                        "device",
                        "cpu",
                        "hardNegatives",
                        "FALSE",
                        "hngMixing",
                        "0.25,0.5",
                        "learningRate",
                        "0.05",
                        "lrSchedule",
                        "cosine",
                        "falseNegatives",
                        "attract"),
                cli.settings());
    }

    @Test
    void everyOptionCanBeSetByName() {
        Map<String, String> defaults = DEFAULTS.toMap();
        String[] args = defaults.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace(" ", ""))
                .toArray(String[]::new);
        assertEquals(defaults, Bench.Arguments.parse(args).options().toMap());
    }

    @Test
    void keepsOneDataDirectory() {
        Bench.Arguments cli = Bench.Arguments.parse(new String[] {"/data", "seed=3", "--out=results"});
        assertEquals(Optional.of(Path.of("/data")), cli.dataDir());
        assertEquals(3L, cli.options().get(SEED));
        assertEquals(Optional.of(Path.of("results")), cli.out());
        assertEquals(
                Optional.empty(), Bench.Arguments.parse(new String[] {"seed=3"}).dataDir());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Bench.Arguments.parse(new String[] {"/data", "/more"}));
        assertTrue(e.getMessage().contains("unexpected argument '/more'"), e.getMessage());
    }

    @Test
    void helpFlag() {
        assertTrue(Bench.Arguments.parse(new String[] {"--help"}).help());
        assertTrue(Bench.Arguments.parse(new String[] {"-h"}).help());
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertMessage("unknown option 'epochs'", new String[] {"epochs=3"});
        assertMessage(
                "option 'device': cannot use 'tpu' (expected one of AUTO, CPU, GPU)", new String[] {"device=tpu"});
        assertMessage(
                "option 'hardNegatives': cannot use 'yes' (expected true or false)",
                new String[] {"hardNegatives=yes"});
        assertMessage("option 'batchSize': cannot use '2.5' (expected an integer)", new String[] {"batchSize=2.5"});
        assertMessage(
                "option 'learningRate': cannot use 'fast' (expected a number)", new String[] {"learningRate=fast"});
        assertMessage("option 'batchSize' must be at least 4, got 2", new String[] {"batchSize=2"});
        assertMessage("setting 'seed' is given twice", new String[] {"seed=1", "seed=2"});
        assertMessage("unknown argument '--epochs'", new String[] {"--epochs", "3"});
        assertMessage("'--out' needs a path", new String[] {"--out"});
        assertMessage("has no key before '='", new String[] {"=3"});
    }

    @Test
    void badArgumentsAreAUsageErrorBeforeAnythingIsLoaded() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Bench.run(
                new String[] {"device=tpu"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("error: option 'device': cannot use 'tpu'"), e);
        assertTrue(e.contains("usage: "), e);
        assertEquals(
                0,
                Bench.run(
                        new String[] {"--help"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: "));
    }

    private static void assertMessage(String expected, String[] args) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Bench.Arguments.parse(args).options());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
