// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ncl.core.tensor.Ranking;
import org.ncl.core.tensor.Scalars;

/**
 * Synthetic negatives mixed from an anchor's hardest negatives, as SSCL (seed 001) and MoCHi (Kalantidis et
 * al., "Hard Negative Mixing for Contrastive Learning", NeurIPS 2020) make them: h = normalise(a·x + (1−a)·y)
 * with x, y bank rows (or x the anchor itself, MoCHi's query mixing), detached. Because h is detached,
 * q·h = (a·q·x̄ + (1−a)·q·ȳ)/‖a·x + (1−a)·y‖ with x̄, ȳ the detached vectors, so the candidates are never
 * materialised: {@link #similarities} gathers from q·bankᵀ (bank detached) and scales by the inverse norms
 * from detached Gram values, ‖a·x + (1−a)·y‖² = a²‖x‖² + (1−a)²‖y‖² + 2a(1−a)·x·y. The gradient reaches q only.
 * Which pairs are mixed is a {@link Plan}, made from detached similarities by {@link #ssclPlan} or
 * {@link #mochiPlan}.
 */
public final class NegativeMixing {

    /**
     * The mixtures of each row: {@code count} per row, entry (r, k) = normalise(w·x + (1−w)·y) with x = bank row
     * {@code first[r·count+k]} (the anchor itself when it equals the bank size), y = bank row
     * {@code second[r·count+k]}, w = {@code weight[..]}, 1/‖w·x + (1−w)·y‖ = {@code inverseNorm[..]}.
     */
    public record Plan(int rows, int count, long[] first, long[] second, float[] weight, float[] inverseNorm) {}

    /**
     * Detached values the planners use: q̄·bankᵀ (rows × B), the bank's Gram matrix (B × B) and ‖q̄‖² per row,
     * each one matrix product in the engine, so a mixture's norm is three look-ups.
     */
    record Detached(float[] similarities, float[] gram, float[] anchorSquares, int bankSize) {
        static Detached of(NDManager m, ContrastProblem p) {
            NDArray q = p.anchors().stopGradient();
            NDArray bank = m.create(p.bank(), new Shape(p.bankSize(), p.dim()));
            return new Detached(
                    q.matMul(bank.transpose()).toFloatArray(),
                    bank.matMul(bank.transpose()).toFloatArray(),
                    q.mul(q).sum(new int[] {1}).toFloatArray(),
                    p.bankSize());
        }
    }

    private NegativeMixing() {}

    /** rows × count similarities q·h of the plan's mixtures (not divided by t), gradient through q only. */
    public static NDArray similarities(NDManager m, ContrastProblem p, Plan plan) {
        NDArray q = p.anchors();
        NDArray bank = m.create(p.bank(), new Shape(p.bankSize(), p.dim()));
        NDArray withBank = q.matMul(bank.transpose());
        NDArray withSelf = q.mul(q.stopGradient()).sum(new int[] {1}, true);
        NDArray all = withBank.concat(withSelf, 1);
        Shape shape = new Shape(plan.rows(), plan.count());
        NDArray w = m.create(plan.weight(), shape);
        NDArray x = all.gather(m.create(plan.first(), shape), 1).mul(w);
        NDArray y = all.gather(m.create(plan.second(), shape), 1)
                .mul(Scalars.of(m, 1).sub(w));
        return x.add(y).mul(m.create(plan.inverseNorm(), shape));
    }

    /** Bank indices of row r's negatives, hardest (most similar) first. */
    static int[] hardestNegatives(ContrastProblem p, float[] similarities, int r) {
        int b = p.bankSize();
        float[] s = new float[b];
        int[] idx = new int[b];
        int n = 0;
        for (int j = 0; j < b; j++) {
            if (p.negative(r, p.bankOffset() + j)) {
                s[n] = similarities[r * b + j];
                idx[n++] = j;
            }
        }
        int[] order = Ranking.descending(s, 0, n);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = idx[order[k]];
        }
        return out;
    }

    /**
     * SSCL's plan: for each row, the {@code hardest} most similar negatives; 2·{@code synthetic} random pairs
     * (distinct when there are two or more) with a ~ U(mixLow, mixHigh); of those, {@code synthetic} are drawn
     * without replacement with probability ∝ exp(contrast·q·h/t) (Gumbel top-k; contrast 0 = uniform).
     *
     * @throws IllegalStateException if a row has no negative to mix
     */
    public static Plan ssclPlan(
            NDManager m,
            ContrastProblem p,
            int hardest,
            int synthetic,
            double mixLow,
            double mixHigh,
            double contrast,
            SplittableRandom random) {
        Detached det = Detached.of(m, p);
        int rows = p.rows();
        int b = p.bankSize();
        int pool = 2 * synthetic;
        Plan plan = new Plan(
                rows,
                synthetic,
                new long[rows * synthetic],
                new long[rows * synthetic],
                new float[rows * synthetic],
                new float[rows * synthetic]);
        long[] ci = new long[pool];
        long[] cj = new long[pool];
        float[] ca = new float[pool];
        float[] cinv = new float[pool];
        float[] key = new float[pool];
        for (int r = 0; r < rows; r++) {
            int[] neg = hardestNegatives(p, det.similarities(), r);
            if (neg.length == 0) {
                throw new IllegalStateException("row " + r + " has no negative to mix synthetic negatives from");
            }
            int s = Math.min(hardest, neg.length);
            for (int c = 0; c < pool; c++) {
                int i = random.nextInt(s);
                int j = i;
                if (s > 1) {
                    j = random.nextInt(s - 1);
                    if (j >= i) {
                        j++;
                    }
                }
                double a = mixLow + (mixHigh - mixLow) * random.nextDouble();
                ci[c] = neg[i];
                cj[c] = neg[j];
                ca[c] = (float) a;
                double inv = inverseNorm(p, det, r, neg[i], neg[j], ca[c]);
                cinv[c] = (float) inv;
                double sim =
                        (ca[c] * det.similarities()[r * b + neg[i]] + (1 - ca[c]) * det.similarities()[r * b + neg[j]])
                                * inv;
                double u = Math.max(random.nextDouble(), 1e-300);
                key[c] = (float) (contrast * sim / p.temperature() - Math.log(-Math.log(u) + 1e-300));
            }
            int[] order = Ranking.descending(key, 0, pool);
            for (int k = 0; k < synthetic; k++) {
                int c = order[k];
                int o = r * synthetic + k;
                plan.first()[o] = ci[c];
                plan.second()[o] = cj[c];
                plan.weight()[o] = ca[c];
                plan.inverseNorm()[o] = cinv[c];
            }
        }
        return plan;
    }

    /**
     * MoCHi's plan: for each row, among the {@code hardest} most similar negatives, {@code pairMixes} mixtures
     * of two distinct ones with α ~ U(0, 1) and {@code queryMixes} mixtures of the query with one, β ~ U(0, 0.5)
     * (the query's weight).
     *
     * @throws IllegalStateException if a row has no negative to mix
     */
    public static Plan mochiPlan(
            NDManager m, ContrastProblem p, int hardest, int pairMixes, int queryMixes, SplittableRandom random) {
        Detached det = Detached.of(m, p);
        int rows = p.rows();
        int count = pairMixes + queryMixes;
        int self = p.bankSize();
        Plan plan = new Plan(
                rows,
                count,
                new long[rows * count],
                new long[rows * count],
                new float[rows * count],
                new float[rows * count]);
        for (int r = 0; r < rows; r++) {
            int[] neg = hardestNegatives(p, det.similarities(), r);
            if (neg.length == 0) {
                throw new IllegalStateException("row " + r + " has no negative to mix synthetic negatives from");
            }
            int s = Math.min(hardest, neg.length);
            for (int k = 0; k < count; k++) {
                int o = r * count + k;
                int j = neg[random.nextInt(s)];
                int i;
                float w;
                if (k < pairMixes) {
                    int a = random.nextInt(s);
                    int b = a;
                    if (s > 1) {
                        b = random.nextInt(s - 1);
                        if (b >= a) {
                            b++;
                        }
                    }
                    i = neg[a];
                    j = neg[b];
                    w = (float) random.nextDouble();
                } else {
                    i = self;
                    w = (float) (0.5 * random.nextDouble());
                }
                plan.first()[o] = i;
                plan.second()[o] = j;
                plan.weight()[o] = w;
                plan.inverseNorm()[o] = (float) inverseNorm(p, det, r, i, j, w);
            }
        }
        return plan;
    }

    /** 1/‖w·x + (1−w)·y‖ for x = bank row i (or the anchor r when i is the bank size), y = bank row j. */
    private static double inverseNorm(ContrastProblem p, Detached det, int r, int i, int j, double w) {
        int b = det.bankSize();
        boolean anchor = i == b;
        double xx = anchor ? det.anchorSquares()[r] : det.gram()[i * b + i];
        double yy = det.gram()[j * b + j];
        double xy = anchor ? det.similarities()[r * b + j] : det.gram()[i * b + j];
        double sq = w * w * xx + (1 - w) * (1 - w) * yy + 2 * w * (1 - w) * xy;
        return 1.0 / Math.max(Math.sqrt(Math.max(sq, 0)), 1e-12);
    }
}
