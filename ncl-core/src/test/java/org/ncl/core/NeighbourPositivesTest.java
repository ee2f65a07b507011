// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.NEIGHBOUR_COUNT;
import static org.ncl.core.options.NclOptions.NEIGHBOUR_POSITIVES;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.TrainingListener;

/** Neighbour positives in contrastive pretraining, end to end through {@link NclTrainer}. */
class NeighbourPositivesTest {

    private static List<EpochReport> train(NclOptions o, List<String> messages) {
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        };
        try (NclModel m = new NclTrainer(o).train(SyntheticBlobs.data(3), listener)) {
            return m.provenance().history();
        }
    }

    @Test
    void neighboursAreMinedWithinGroupsAndChangeTrainingReproducibly() {
        NclOptions on = SyntheticBlobs.options()
                .set(PRETRAIN_EPOCHS, 2)
                .set(SUPERVISED_EPOCHS, 1)
                .set(DISCOVERY_EPOCHS, 1)
                .set(NEIGHBOUR_POSITIVES, 1.0)
                .set(NEIGHBOUR_COUNT, 5)
                .build();
        List<String> messages = new ArrayList<>();
        List<EpochReport> first = train(on, messages);
        String mined = messages.stream()
                .filter(s -> s.startsWith("neighbour positives"))
                .findFirst()
                .orElseThrow();
        // the blobs are far apart: every unlabeled row's neighbours in the input space are of its own class
        assertTrue(mined.contains("5 nearest neighbours") && mined.contains("same true class for 1.0000"), mined);

        List<EpochReport> again = train(on, new ArrayList<>());
        assertEquals(first.get(1).losses(), again.get(1).losses(), "same seed, same pretraining losses");

        List<String> offMessages = new ArrayList<>();
        NclOptions off = on.toBuilder().set(NEIGHBOUR_POSITIVES, 0.0).build();
        List<EpochReport> plain = train(off, offMessages);
        assertTrue(offMessages.stream().noneMatch(s -> s.startsWith("neighbour positives")), offMessages.toString());
        assertNotEquals(first.get(1).losses(), plain.get(1).losses(), "neighbour views change the pretraining loss");
    }

    @Test
    void optionsAreValidatedAndRecorded() {
        IllegalArgumentException p = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> NclOptions.builder(2).set("neighbourPositives", "1.5").build());
        assertTrue(p.getMessage().contains("'neighbourPositives' must be in [0.0, 1.0]"), p.getMessage());
        IllegalArgumentException k = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> NclOptions.builder(2).set(NEIGHBOUR_COUNT, 0).build());
        assertTrue(k.getMessage().contains("'neighbourCount'"), k.getMessage());
        NclOptions o = NclOptions.builder(2)
                .set("neighbourPositives", "0.5")
                .set("neighbourCount", "7")
                .build();
        assertEquals("0.5", o.toMap().get("neighbourPositives"));
        assertEquals(o, NclOptions.fromMap(o.toMap()));
        assertEquals(0.5, NclOptions.builder(2).build().get(NEIGHBOUR_POSITIVES), "on by default");
        assertEquals(
                0.0, NclOptions.referenceBuilder(2).build().get(NEIGHBOUR_POSITIVES), "off in the reference recipe");
        // a map written before the options existed loads with them off, as the model was trained
        java.util.Map<String, String> old =
                new java.util.LinkedHashMap<>(NclOptions.builder(2).build().toMap());
        old.remove("neighbourPositives");
        assertEquals("10", old.remove("neighbourCount"));
        NclOptions loaded = NclOptions.fromMap(old);
        assertEquals(0.0, loaded.get(NEIGHBOUR_POSITIVES));
        assertEquals(NclOptions.builder(2).set(NEIGHBOUR_POSITIVES, 0.0).build(), loaded);
    }
}
