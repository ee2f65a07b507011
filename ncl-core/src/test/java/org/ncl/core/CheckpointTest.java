// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.nn.Inference;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.Checkpoint;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingListener;

/** Checkpoints after each discovery epoch and running loss means per step. */
class CheckpointTest {

    @Test
    void everyDiscoveryEpochGivesALoadableCheckpointAndStepsCarryRunningLosses(@TempDir Path dir) throws IOException {
        DiscoveryData data = SyntheticBlobs.data(7);
        NclOptions options = SyntheticBlobs.options().build();
        List<Path> saved = new ArrayList<>();
        Map<String, Map<String, Double>> lastRunning = new HashMap<>();
        Map<String, Map<String, Double>> epochMeans = new HashMap<>();
        List<String> order = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(Stage stage, int epoch, int step, int steps, Map<String, Double> running) {
                assertTrue(running.containsKey("total"), running.toString());
                running.values().forEach(v -> assertTrue(Double.isFinite(v), running.toString()));
                if (step == steps - 1) {
                    lastRunning.put(stage + "/" + epoch, running);
                }
            }

            @Override
            public void onEpoch(EpochReport report) {
                epochMeans.put(report.stage() + "/" + report.epoch(), report.losses());
                order.add(report.stage() + "/" + report.epoch());
            }

            @Override
            public void onCheckpoint(Checkpoint checkpoint) {
                assertEquals(Stage.DISCOVERY, checkpoint.stage());
                Path p = dir.resolve("epoch-" + checkpoint.epoch() + ".ncl");
                try {
                    checkpoint.save(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                saved.add(p);
                order.add("checkpoint " + checkpoint.epoch());
            }
        };
        try (NclModel model = new NclTrainer(options).train(data, listener)) {
            assertEquals(options.get(DISCOVERY_EPOCHS), saved.size());
            // each checkpoint comes right after the report of its epoch
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i).startsWith("checkpoint ")) {
                    assertEquals(
                            Stage.DISCOVERY + "/" + order.get(i).substring("checkpoint ".length()),
                            order.get(i - 1),
                            order.toString());
                }
            }
            // the mean over all steps of an epoch, reported at its last step, is the epoch's mean
            assertEquals(epochMeans.keySet(), lastRunning.keySet());
            epochMeans.forEach((key, means) -> means.forEach(
                    (term, v) -> assertEquals(v, lastRunning.get(key).get(term), 1e-9, key + " " + term)));

            float[] rows = data.features();
            Inference.Outputs expected = model.outputs(rows);
            int kept = model.provenance().selectedEpoch();
            try (NclModel last = NclModel.load(saved.get(kept));
                    NclModel first = NclModel.load(saved.get(0))) {
                // the checkpoint of the kept epoch holds the final network; calibration is not applied
                assertArrayEquals(expected.novelLogits(), last.outputs(rows).novelLogits(), 1e-6f);
                assertArrayEquals(expected.knownLogits(), last.outputs(rows).knownLogits(), 1e-6f);
                assertEquals(0f, last.novelLogitOffset());
                assertEquals(options, last.options());
                int before = options.get(PRETRAIN_EPOCHS) + options.get(SUPERVISED_EPOCHS);
                assertEquals(before + 1, first.provenance().history().size());
                assertEquals(before + kept + 1, last.provenance().history().size());
                assertEquals(kept, last.provenance().selectedEpoch());
                assertTrue(Files.size(saved.get(0)) > 0);
            }
        }
    }
}
