package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.loss.contrastive.ContrastiveStrategy;
import org.ncl.core.loss.contrastive.FalseNegativeHandling;
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
        ContrastiveStrategy[] pretrain = {ContrastiveStrategy.SUPCON, ContrastiveStrategy.DCL, ContrastiveStrategy.HCL,
            ContrastiveStrategy.SSCL, ContrastiveStrategy.MOCHI};
        ContrastiveStrategy[] unlabeled = {ContrastiveStrategy.SSCL, ContrastiveStrategy.MOCHI, ContrastiveStrategy.HCL,
            ContrastiveStrategy.DCL, ContrastiveStrategy.INFONCE};
        for (int i = 0; i < pretrain.length; i++) {
            FalseNegativeHandling fn = FalseNegativeHandling.values()[i % 3];
            NclOptions o = SyntheticBlobs.options().pretrainEpochs(1).supervisedEpochs(1).discoveryEpochs(1)
                    .hngStartEpoch(0).pretrainObjective(pretrain[i]).unlabeledObjective(unlabeled[i])
                    .falseNegatives(fn).ssclHardest(16).ssclSynthetic(8).mochiHardest(32).mochiSynthetic(32)
                    .mochiQueryMixes(8).build();
            try (NclModel m = new NclTrainer(o).train(data)) {
                Map<String, String> recorded = m.provenance().options();
                assertEquals(pretrain[i].name(), recorded.get("pretrainObjective"));
                assertEquals(unlabeled[i].name(), recorded.get("unlabeledObjective"));
                assertEquals(fn.name(), recorded.get("falseNegatives"));
                EpochReport first = m.provenance().history().get(0);
                assertEquals(Stage.PRETRAIN, first.stage());
                String term = pretrain[i].name().toLowerCase(java.util.Locale.ROOT);
                assertTrue(first.losses().containsKey(term) && Double.isFinite(first.losses().get(term)),
                        pretrain[i] + ": " + first.losses());
                EpochReport last = m.provenance().history().get(m.provenance().history().size() - 1);
                assertTrue(Double.isFinite(last.losses().get("ncl")), unlabeled[i] + ": " + last.losses());
            }
        }
    }
}
