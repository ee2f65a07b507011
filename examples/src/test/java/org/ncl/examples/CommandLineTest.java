package org.ncl.examples;

import org.ncl.core.options.DeviceChoice;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_MIXING;
import static org.ncl.core.options.NclOptions.LEARNING_RATE;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.SEED;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.NclOptions;

class CommandLineTest {

    private static final NclOptions DEFAULTS = NclOptions.builder(5).build();

    @Test
    void appliesSettingsOnTopOfTheDefaults() {
        CommandLine cli = CommandLine.parse(new String[] {"discoveryEpochs=2", "device=cpu", "hardNegatives=FALSE",
            "hngMixing=0.25,0.5", "learningRate=0.05", "--out", "m.ncl"}, 0);
        NclOptions o = cli.options(DEFAULTS);
        assertEquals(2, o.get(DISCOVERY_EPOCHS));
        assertEquals(DeviceChoice.CPU, o.get(DEVICE));
        assertFalse(o.get(HARD_NEGATIVES));
        assertEquals(0.25, o.get(HNG_MIXING).get(0), 0.0);
        assertEquals(0.5, o.get(HNG_MIXING).get(1), 0.0);
        assertEquals(0.05, o.get(LEARNING_RATE), 0.0);
        assertEquals(DEFAULTS.get(PRETRAIN_EPOCHS), o.get(PRETRAIN_EPOCHS));
        assertEquals(Optional.of(Path.of("m.ncl")), cli.out());
        assertFalse(cli.help());
    }

    @Test
    void keepsPositionalArgumentsUpToTheLimit() {
        CommandLine cli = CommandLine.parse(new String[] {"/data", "seed=3", "--out=results"}, 1);
        assertEquals(List.of("/data"), cli.positional());
        assertEquals(3L, cli.options(DEFAULTS).get(SEED));
        assertEquals(Optional.of(Path.of("results")), cli.out());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"/data", "/more"}, 1));
        assertTrue(e.getMessage().contains("unexpected argument '/more'"), e.getMessage());
    }

    @Test
    void helpFlag() {
        assertTrue(CommandLine.parse(new String[] {"--help"}, 0).help());
        assertTrue(CommandLine.parse(new String[] {"-h"}, 0).help());
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertMessage("unknown setting 'epochs'", new String[] {"epochs=3"});
        assertMessage("setting 'device' must be one of [AUTO, CPU, GPU], got 'tpu'", new String[] {"device=tpu"});
        assertMessage("setting 'hardNegatives' must be true or false, got 'yes'", new String[] {"hardNegatives=yes"});
        assertMessage("setting 'batchSize' must be a whole number, got '2.5'", new String[] {"batchSize=2.5"});
        assertMessage("setting 'learningRate' must be a number, got 'fast'", new String[] {"learningRate=fast"});
        assertMessage("option 'batchSize' must be at least 4, got 2", new String[] {"batchSize=2"});
        assertMessage("setting 'seed' is given twice", new String[] {"seed=1", "seed=2"});
        assertMessage("unknown argument '--epochs'", new String[] {"--epochs", "3"});
        assertMessage("'--out' needs a path", new String[] {"--out"});
        assertMessage("has no key before '='", new String[] {"=3"});
    }

    private static void assertMessage(String expected, String[] args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(args, 0).options(DEFAULTS));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
