// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.ncl.core.options.NclOptions.NEIGHBOUR_COUNT;
import static org.ncl.core.options.NclOptions.NEIGHBOUR_POSITIVES;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.PRETRAIN_LEARNING_RATE;
import static org.ncl.core.options.NclOptions.PRETRAIN_METHOD;
import static org.ncl.core.options.NclOptions.PRETRAIN_TEMPERATURE;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.ncl.core.loss.InfoNce;
import org.ncl.core.loss.NclLoss;
import org.ncl.core.loss.contrastive.ContrastiveObjective;
import org.ncl.core.loss.contrastive.ContrastiveObjectives;
import org.ncl.core.options.ContrastiveSite;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.PretrainMethod;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;

/**
 * Stage 1 of NCL: self-supervised pretraining of the encoder on all rows, labels unused. Either
 * two-view InfoNCE through a projection head (this project's default; works for tables and images),
 * or RotNet's 4-way rotation prediction (Gidaris et al., ICLR 2018; the NCL paper's choice). The contrastive
 * objective is the option {@code pretrainObjective} ({@link ContrastiveStrategy}: InfoNCE by default, SupCon with
 * the labeled rows' labels, DCL, HCL, SSCL, MoCHi; false negatives per {@code falseNegatives}). With
 * {@code neighbourPositives} &gt; 0 the second view is sometimes taken from one of the row's nearest neighbours in
 * the input space ({@link NeighbourMining}), so that neighbours, not only views, are pulled together.
 */
public final class PretrainStage {

    private PretrainStage() {}

    /** Runs the stage (nothing when the method is NONE or there are no epochs). */
    public static List<EpochReport> run(TrainingContext ctx) {
        PretrainMethod method = ctx.options.get(PRETRAIN_METHOD);
        int epochs = ctx.options.get(PRETRAIN_EPOCHS);
        if (method == PretrainMethod.NONE || epochs == 0) {
            return List.of();
        }
        int[] all = IntStream.range(0, ctx.numRows).toArray();
        int steps = ctx.stepsPerEpoch(all.length);
        Tracker lr =
                StageRunner.cosineToZero(ctx.options.get(PRETRAIN_LEARNING_RATE).floatValue(), epochs * steps);
        ContrastiveObjective objective = method == PretrainMethod.ROTNET
                ? null
                : ContrastiveObjectives.create(ctx.options, ContrastiveSite.PRETRAIN, ctx.random, null, null);
        int[][] neighbours = method == PretrainMethod.ROTNET || ctx.options.get(NEIGHBOUR_POSITIVES) == 0
                ? null
                : mineNeighbours(ctx);
        StageRunner.StepFunction step = method == PretrainMethod.ROTNET
                ? (m, ps, batch, epoch) -> rotationStep(ctx, m, ps, batch)
                : (m, ps, batch, epoch) -> contrastiveStep(ctx, objective, neighbours, m, ps, batch, epoch);
        return StageRunner.run(ctx, Stage.PRETRAIN, epochs, all, lr, step, StageRunner.EpochEnd.NONE);
    }

    /** Neighbours in the standardised input space, unlabeled rows among unlabeled rows, labeled within their class. */
    private static int[][] mineNeighbours(TrainingContext ctx) {
        long t0 = System.nanoTime();
        int k = ctx.options.get(NEIGHBOUR_COUNT);
        int[][] neighbours = NeighbourMining.mine(ctx.rows, ctx.size, ctx.knownLabels, k, ctx.manager, ctx.random);
        StringBuilder message = new StringBuilder(String.format(
                Locale.ROOT,
                "neighbour positives: %d nearest neighbours per row mined in the input space in %.1f s",
                k,
                (System.nanoTime() - t0) / 1e9));
        if (ctx.groundTruth != null) {
            // reported only (ground truth never drives training): how often an unlabeled row's neighbour shares its
            // class
            long same = 0;
            long pairs = 0;
            for (int i = 0; i < neighbours.length; i++) {
                if (ctx.knownLabels[i] < 0) {
                    for (int j : neighbours[i]) {
                        same += ctx.groundTruth[j] == ctx.groundTruth[i] ? 1 : 0;
                        pairs++;
                    }
                }
            }
            if (pairs > 0) {
                message.append(String.format(
                        Locale.ROOT,
                        "; same true class for %.4f of the unlabeled rows' neighbours",
                        same / (double) pairs));
            }
        }
        ctx.listener.onMessage(message.toString());
        return neighbours;
    }

    private static StageRunner.StepLoss contrastiveStep(
            TrainingContext ctx,
            ContrastiveObjective objective,
            int[][] neighbours,
            NDManager m,
            ParameterStore ps,
            int[] batch,
            int epoch) {
        NDArray x = ctx.twoViews(m, batch, true, neighbours, ctx.options.get(NEIGHBOUR_POSITIVES));
        NDArray f =
                ctx.network.network().encoder().forward(ps, new NDList(x), true).singletonOrThrow();
        NDArray p = ctx.network.projection().forward(ps, new NDList(f), true).singletonOrThrow();
        int[] labels = null;
        if (objective.strategy() == ContrastiveStrategy.SUPCON) {
            labels = new int[batch.length];
            for (int i = 0; i < batch.length; i++) {
                labels[i] = ctx.knownLabels[batch[i]];
            }
        }
        NDArray loss = InfoNce.twoViewLoss(
                m, p.normalize(2, 1, 1e-12), ctx.options.get(PRETRAIN_TEMPERATURE), objective, labels, epoch);
        String name = objective.strategy() == ContrastiveStrategy.INFONCE
                ? "infoNce"
                : objective.strategy().name().toLowerCase(java.util.Locale.ROOT);
        return new StageRunner.StepLoss(loss, Map.of(name, loss), null);
    }

    private static StageRunner.StepLoss rotationStep(TrainingContext ctx, NDManager m, ParameterStore ps, int[] batch) {
        int b = batch.length;
        float[] x = new float[4 * b * ctx.size];
        float[] view = new float[ctx.size];
        int[] labels = new int[4 * b];
        for (int i = 0; i < b; i++) {
            ctx.augmenter.augment(ctx.rows, batch[i] * ctx.size, view, 0, false, ctx.random);
            for (int r = 0; r < 4; r++) {
                ctx.augmenter.rotate(view, 0, x, (r * b + i) * ctx.size, r);
                labels[r * b + i] = r;
            }
        }
        NDArray input = m.create(x, ctx.batchShape(4 * b));
        NDArray f = ctx.network
                .network()
                .encoder()
                .forward(ps, new NDList(input), true)
                .singletonOrThrow();
        NDArray logits = ctx.network.rotation().forward(ps, new NDList(f), true).singletonOrThrow();
        NDArray loss = NclLoss.crossEntropy(logits, labels);
        return new StageRunner.StepLoss(loss, Map.of("rotation", loss), null);
    }
}
