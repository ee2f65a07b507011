// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;
import static org.ncl.core.options.NclOptions.SUPERVISED_LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Map;
import org.ncl.core.loss.NclLoss;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;

/**
 * Stage 2 of NCL: cross-entropy of the known-class head φ_l on the labeled rows (one augmented view),
 * encoder included. Zhong et al., CVPR 2021, section 4.1 (reference: 100 epochs, SGD 0.1).
 */
public final class SupervisedStage {

    private SupervisedStage() {}

    /** Runs the stage on the labeled rows {@code labeled}. */
    public static List<EpochReport> run(TrainingContext ctx, int[] labeled) {
        int epochs = ctx.options.get(SUPERVISED_EPOCHS);
        if (epochs == 0 || labeled.length == 0) {
            return List.of();
        }
        int steps = ctx.stepsPerEpoch(labeled.length);
        Tracker lr = StageRunner.cosineToZero(
                ctx.options.get(SUPERVISED_LEARNING_RATE).floatValue(), epochs * steps);
        return StageRunner.run(
                ctx,
                Stage.SUPERVISED,
                epochs,
                labeled,
                lr,
                (m, ps, batch, epoch) -> {
                    NDArray x = ctx.oneView(m, batch);
                    NDList out = ctx.network.forward(ps, new NDList(x), true);
                    int[] y = new int[batch.length];
                    for (int i = 0; i < batch.length; i++) {
                        y[i] = ctx.knownLabels[batch[i]];
                    }
                    NDArray ce = NclLoss.crossEntropy(out.get(1), y);
                    return new StageRunner.StepLoss(ce, Map.of("ce", ce), null);
                },
                StageRunner.EpochEnd.NONE);
    }
}
