// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_START_EPOCH;
import static org.ncl.core.options.NclOptions.MOCHI_HARDEST;
import static org.ncl.core.options.NclOptions.MOCHI_QUERY_MIXES;
import static org.ncl.core.options.NclOptions.MOCHI_SYNTHETIC;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.PRETRAIN_OBJECTIVE;
import static org.ncl.core.options.NclOptions.SSCL_HARDEST;
import static org.ncl.core.options.NclOptions.SSCL_SYNTHETIC;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;
import static org.ncl.core.options.NclOptions.UNLABELED_OBJECTIVE;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.FalseNegativeHandling;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;

/**
 * Every contrastive strategy trains end to end through {@link NclTrainer} (pretraining and, where it applies,
 * L_ncl), one epoch per stage on the synthetic blobs, and is recorded in the model's provenance.
 */
class ContrastivePretrainingTest {

    @Test
    void everyStrategyTrainsAndIsRecordedInProvenance() {
        DiscoveryData data = SyntheticBlobs.data(3);
        ContrastiveStrategy[] pretrain = {
            ContrastiveStrategy.SUPCON,
            ContrastiveStrategy.DCL,
            ContrastiveStrategy.HCL,
            ContrastiveStrategy.SSCL,
            ContrastiveStrategy.MOCHI
        };
        ContrastiveStrategy[] unlabeled = {
            ContrastiveStrategy.SSCL,
            ContrastiveStrategy.MOCHI,
            ContrastiveStrategy.HCL,
            ContrastiveStrategy.DCL,
            ContrastiveStrategy.INFONCE
        };
        for (int i = 0; i < pretrain.length; i++) {
            FalseNegativeHandling fn = FalseNegativeHandling.values()[i % 3];
            NclOptions o = SyntheticBlobs.options()
                    .set(PRETRAIN_EPOCHS, 1)
                    .set(SUPERVISED_EPOCHS, 1)
                    .set(DISCOVERY_EPOCHS, 1)
                    .set(HNG_START_EPOCH, 0)
                    .set(PRETRAIN_OBJECTIVE, pretrain[i])
                    .set(UNLABELED_OBJECTIVE, unlabeled[i])
                    .set(FALSE_NEGATIVES, fn)
                    .set(SSCL_HARDEST, 16)
                    .set(SSCL_SYNTHETIC, 8)
                    .set(MOCHI_HARDEST, 32)
                    .set(MOCHI_SYNTHETIC, 32)
                    .set(MOCHI_QUERY_MIXES, 8)
                    .build();
            try (NclModel m = new NclTrainer(o).train(data)) {
                Map<String, String> recorded = m.provenance().options();
                assertEquals(pretrain[i].name(), recorded.get("pretrainObjective"));
                assertEquals(unlabeled[i].name(), recorded.get("unlabeledObjective"));
                assertEquals(fn.name(), recorded.get("falseNegatives"));
                EpochReport first = m.provenance().history().get(0);
                assertEquals(Stage.PRETRAIN, first.stage());
                String term = pretrain[i].name().toLowerCase(java.util.Locale.ROOT);
                assertTrue(
                        first.losses().containsKey(term)
                                && Double.isFinite(first.losses().get(term)),
                        pretrain[i] + ": " + first.losses());
                EpochReport last =
                        m.provenance().history().get(m.provenance().history().size() - 1);
                assertTrue(Double.isFinite(last.losses().get("ncl")), unlabeled[i] + ": " + last.losses());
            }
        }
    }
}
