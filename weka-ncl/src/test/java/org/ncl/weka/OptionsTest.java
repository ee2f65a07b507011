// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.LEARNING_RATE;
import static org.ncl.core.options.NclOptions.SEED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import weka.clusterers.NCL;
import weka.core.Option;
import weka.core.Utils;

/** Options: long names on the command line, defaults equal to the core's, reset on setOptions, pass-through to the core. */
class OptionsTest {

    @Test
    void defaultsAreTheCoresAndNeverNull() {
        NCL ncl = new NCL();
        NclOptions core = ncl.coreOptions();
        assertEquals(NclOptions.builder(5).build(), core);
        assertEquals("", ncl.getKnownLabelAttribute());
        assertEquals("", ncl.getGroundTruthAttribute());
        assertEquals("", ncl.getCoreOptions());
        assertEquals("AUTO", ncl.getEncoder().getSelectedTag().getIDStr());
        assertEquals("AUTO", ncl.getDevice().getSelectedTag().getIDStr());
        assertEquals(1, ncl.getSeed());
    }

    @Test
    void everyOptionHasALongName() {
        List<String> names = new ArrayList<>();
        for (Option o : Collections.list(new NCL().listOptions())) {
            names.add(o.name());
        }
        for (String n : List.of(
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
                "ncl-weight",
                "scl-weight",
                "core-options",
                "batch-size",
                "S")) {
            assertTrue(names.contains(n), n + " in " + names);
        }
    }

    @Test
    void optionsRoundTripAndSetOptionsResetsTheRest() throws Exception {
        NCL ncl = new NCL();
        String[] given = {
            "-known-label",
            "known",
            "-ground-truth",
            "class",
            "-num-novel",
            "3",
            "-discovery-epochs",
            "4",
            "-encoder",
            "MLP",
            "-device",
            "CPU",
            "-learning-rate",
            "0.05",
            "-S",
            "9",
            "-core-options",
            "mlpHiddenSizes=[64, 32], hardNegatives=false"
        };
        ncl.setOptions(given.clone());
        NCL copy = new NCL();
        copy.setOptions(ncl.getOptions());
        assertArrayEquals(ncl.getOptions(), copy.getOptions());
        NclOptions core = copy.coreOptions();
        assertEquals(3, core.numNovelClasses());
        assertEquals(4, core.get(DISCOVERY_EPOCHS));
        assertEquals(EncoderType.MLP, core.get(ENCODER));
        assertEquals(DeviceChoice.CPU, core.get(DEVICE));
        assertEquals(0.05, core.get(LEARNING_RATE));
        assertEquals(9L, core.get(SEED));
        assertEquals("[64, 32]", core.toMap().get("mlpHiddenSizes"));
        assertEquals(false, core.get(HARD_NEGATIVES));
        assertEquals("known", copy.getKnownLabelAttribute());

        copy.setOptions(new String[] {"-num-novel", "2"});
        assertArrayEquals(
                new NCL() {
                    {
                        setNumNovelClasses(2);
                    }
                }.getOptions(),
                copy.getOptions());
        assertEquals("", copy.getKnownLabelAttribute());
        assertEquals(1, copy.getSeed());
        System.out.println("NCL " + Utils.joinOptions(ncl.getOptions()));
    }

    /** Every core setting is an option of the clusterer (the seed is Weka's -S), with the core's description. */
    @Test
    void everyCoreSettingIsReachableFromWeka() throws Exception {
        Map<String, Option> byName = new java.util.HashMap<>();
        for (Option o : Collections.list(new NCL().listOptions())) {
            byName.put(o.name(), o);
        }
        NclOptions changed = NclOptions.builder(3)
                .set(NclOptions.HNG_KEPT, 17)
                .set(NclOptions.NEIGHBOUR_COUNT, 4)
                .build();
        for (org.ncl.core.options.Setting<?> s : NclOptions.settings()) {
            if (s == NclOptions.SEED) {
                continue;
            }
            String flag = NCL.flag(s);
            assertTrue(byName.containsKey(flag), "no Weka option for core setting " + s.name());
            assertTrue(
                    byName.get(flag).description().contains(s.description()),
                    byName.get(flag).description());
            NCL ncl = new NCL();
            String text = changed.toMap().get(s.name());
            ncl.setOptions(new String[] {"-" + flag, text});
            assertEquals(text, ncl.coreOptions().toMap().get(s.name()), s.name());
        }
    }

    @Test
    void coreOptionsAreAppliedLastAndListsKeepTheirCommas() {
        Map<String, String> parsed =
                NCL.parseCoreOptions("mlpHiddenSizes=[256, 128], hngMixing=0.3,0.6; discoveryEpochs=2");
        assertEquals(Map.of("mlpHiddenSizes", "[256, 128]", "hngMixing", "0.3,0.6", "discoveryEpochs", "2"), parsed);
        NCL ncl = new NCL();
        ncl.setDiscoveryEpochs(7);
        ncl.setCoreOptions("discoveryEpochs=2");
        assertEquals(2, ncl.coreOptions().get(DISCOVERY_EPOCHS));
    }

    @Test
    @SuppressWarnings("deprecation")
    void withoutKnownClassesHardNegativesAreOff() {
        // the rule is the core's (NclTrainer.effectiveOptions, applied by its train); the adapter no longer applies it
        assertEquals(true, new NCL().coreOptions().get(HARD_NEGATIVES));
        assertEquals(true, new NCL().coreOptions(false).get(HARD_NEGATIVES));
        assertEquals(false, new NCL().coreOptions(true).get(HARD_NEGATIVES));
    }

    @Test
    void setNumClustersSetsTheNovelClusters() throws Exception {
        NCL ncl = new NCL();
        ncl.setNumClusters(4);
        assertEquals(4, ncl.getNumNovelClasses());
    }

    @Test
    void theTechnicalInformationCitesThePaper() {
        String info = new NCL().getTechnicalInformation().toBibTex();
        assertTrue(info.contains("Neighborhood Contrastive Learning for Novel Class Discovery"), info);
        assertTrue(info.contains("2021"), info);
        assertTrue(new NCL().globalInfo().contains("Zhong"));
    }
}
