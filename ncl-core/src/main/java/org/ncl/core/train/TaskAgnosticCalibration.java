// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.ncl.core.options.NclOptions.SEED;

import java.util.Arrays;

/**
 * Calibrates the task-agnostic decision (argmax over both heads' concatenated logits). The known head
 * is trained with cross-entropy and the novel head through pairwise probabilities, so their logits live
 * on different scales and a plain argmax sends most rows to one head. With d = max novel logit − max
 * known logit, this finds the offset δ added to the novel logits that best separates the training
 * rows the model knows to be known (labeled) from those it was asked to discover (unlabeled): the δ
 * maximising the balanced accuracy of "d + δ &gt; 0 iff unlabeled". Uses no hidden labels. When no
 * offset reaches a balanced accuracy of {@link #MIN_BALANCED_ACCURACY} (the margin does not tell known
 * from novel rows, as happens when the novel head also scores known-class rows highly), the offset is
 * 0: the plain argmax.
 * (The NCL reference code has no task-agnostic evaluation: its numbers are task-aware.)
 */
public final class TaskAgnosticCalibration {

    /** Below this balanced accuracy on the training rows the fitted offset is not used. */
    public static final double MIN_BALANCED_ACCURACY = 0.6;

    /**
     * A fitted offset and the balanced accuracy it reaches on the rows it was fitted on.
     *
     * @param offset the offset δ added to the novel logits
     * @param balancedAccuracy balanced accuracy of "d + δ &gt; 0 iff unlabeled"
     */
    public record Fit(float offset, double balancedAccuracy) {
        /** The offset to use: {@link #offset()} if it separates the rows well enough, else 0. */
        public float usableOffset() {
            return balancedAccuracy >= MIN_BALANCED_ACCURACY ? offset : 0f;
        }
    }

    private TaskAgnosticCalibration() {}

    /** The offset for margins {@code labeledMargins} (should end below 0) and {@code unlabeledMargins} (above 0). */
    public static float novelOffset(float[] labeledMargins, float[] unlabeledMargins) {
        return fitMargins(labeledMargins, unlabeledMargins).offset();
    }

    /** The best offset and its balanced accuracy. */
    public static Fit fitMargins(float[] labeledMargins, float[] unlabeledMargins) {
        if (labeledMargins.length == 0 || unlabeledMargins.length == 0) {
            return new Fit(0f, 0.5);
        }
        int nl = labeledMargins.length;
        int nu = unlabeledMargins.length;
        float[] all = new float[nl + nu];
        boolean[] novel = new boolean[nl + nu];
        System.arraycopy(labeledMargins, 0, all, 0, nl);
        System.arraycopy(unlabeledMargins, 0, all, nl, nu);
        Arrays.fill(novel, nl, nl + nu, true);
        int[] order = org.ncl.core.tensor.Ranking.ascending(all, 0, all.length);
        // Threshold t between sorted values: rows with d > t are called novel; δ = −t.
        int knownBelow = 0;
        int novelBelow = 0;
        double best = -1;
        double bestT = 0;
        for (int i = 0; i <= order.length; i++) {
            if (i == order.length || i == 0 || all[order[i]] != all[order[i - 1]]) {
                double t = i == 0
                        ? all[order[0]] - 1
                        : i == order.length ? all[order[i - 1]] + 1 : 0.5 * (all[order[i - 1]] + all[order[i]]);
                double balanced = 0.5 * (knownBelow / (double) nl + (nu - novelBelow) / (double) nu);
                if (balanced > best + 1e-12) {
                    best = balanced;
                    bestT = t;
                }
            }
            if (i < order.length) {
                if (novel[order[i]]) {
                    novelBelow++;
                } else {
                    knownBelow++;
                }
            }
        }
        return new Fit((float) -bestT, best);
    }

    /**
     * Fits the offset on up to 5,000 labeled and 5,000 unlabeled training rows (a fixed sample drawn with
     * its own seeded random source, after training, so training is unaffected).
     */
    public static Fit fit(TrainingContext ctx, int[] labeled, int[] unlabeled) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(ctx.options.get(SEED) ^ 0x7A5CA1L);
        int[] l = TrainingContext.shuffled(labeled, random);
        int[] u = TrainingContext.shuffled(unlabeled, random);
        org.ncl.core.nn.Inference.Outputs ol = ctx.infer(Arrays.copyOf(l, Math.min(l.length, 5000)));
        org.ncl.core.nn.Inference.Outputs ou = ctx.infer(Arrays.copyOf(u, Math.min(u.length, 5000)));
        return fitMargins(
                margins(ol.knownLogits(), ol.cl(), ol.novelLogits(), ol.cu(), ol.n()),
                margins(ou.knownLogits(), ou.cl(), ou.novelLogits(), ou.cu(), ou.n()));
    }

    /** d = max novel logit − max known logit, per row. */
    public static float[] margins(float[] knownLogits, int cl, float[] novelLogits, int cu, int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            float mk = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cl; j++) {
                mk = Math.max(mk, knownLogits[i * cl + j]);
            }
            float mu = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cu; j++) {
                mu = Math.max(mu, novelLogits[i * cu + j]);
            }
            d[i] = mu - mk;
        }
        return d;
    }
}
