// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.ncl.core.options.NclOptions.ADAPTIVE_NEIGHBOUR_FRACTION;
import static org.ncl.core.options.NclOptions.BCE_WEIGHT;
import static org.ncl.core.options.NclOptions.COSINE_THRESHOLD;
import static org.ncl.core.options.NclOptions.ENTROPY_WEIGHT;
import static org.ncl.core.options.NclOptions.LABELED_QUEUE_SIZE;
import static org.ncl.core.options.NclOptions.NCL_ALPHA;
import static org.ncl.core.options.NclOptions.NCL_TEMPERATURE;
import static org.ncl.core.options.NclOptions.NCL_WEIGHT;
import static org.ncl.core.options.NclOptions.PSEUDO_LABELS;
import static org.ncl.core.options.NclOptions.RAMP_UP_COEFFICIENT;
import static org.ncl.core.options.NclOptions.RAMP_UP_LENGTH;
import static org.ncl.core.options.NclOptions.RANK_STATS_TOP_K;
import static org.ncl.core.options.NclOptions.SCL_WEIGHT;
import static org.ncl.core.options.NclOptions.UNLABELED_QUEUE_SIZE;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ncl.core.loss.contrastive.ContrastProblem;
import org.ncl.core.loss.contrastive.ContrastiveObjective;
import org.ncl.core.loss.contrastive.ContrastiveObjectives;
import org.ncl.core.loss.contrastive.ContrastiveTargets;
import org.ncl.core.loss.contrastive.Estimators;
import org.ncl.core.loss.contrastive.MemoryQueue;
import org.ncl.core.options.ContrastiveSite;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.NclOptions;
import org.ncl.core.tensor.Ranking;
import org.ncl.core.tensor.Scalars;

/**
 * The discovery objective of Neighborhood Contrastive Learning (Zhong, Fini, Roy, Luo, Ricci, Sebe,
 * "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021), in one place:
 *
 * <pre>
 *   L = L_ce + w_bce·L_bce + ω(t)·L_mse + w_u·L_ncl + w_l·L_scl  (+ w_H·(−H(p̄)), off in the reference)
 * </pre>
 *
 * <ul>
 * <li>{@link #crossEntropy L_ce}: cross-entropy of φ_l on the labeled rows, first view.</li>
 * <li>{@link #pairwiseBce L_bce}: p_ab = ⟨softmax φ_u(x̂_a), softmax φ_u(x_b)⟩ against pairwise pseudo-labels
 *     ({@link PairwisePseudoLabels}) over all ordered pairs of unlabeled rows, self-pairs included.</li>
 * <li>{@link #negativeMeanEntropy balance}: −H of the batch-mean novel prediction, an addition of this
 *     project (SCAN's entropy term) that keeps novel clusters from merging; weight 0 restores the reference.</li>
 * <li>{@link #consistencyMse L_mse}: mse of the softmax of both heads between the two views, all rows,
 *     weighted by the ramp-up {@link #rampUp ω(t) = c·exp(−5(1 − min(t,T)/T)²)}.</li>
 * <li>L_ncl: unlabeled queries q = z(x) against k = z(x̂) (detached) and the queue M_u, temperature τ;
 *     soft targets {@link #nclTargets} (top-k pseudo-positives get (1−α)/k, the view's own positive α);
 *     optionally extended with the logits of
 *     {@link org.ncl.core.loss.contrastive.HardNegativeGeneration hard negatives} (target 0).</li>
 * <li>L_scl: labeled queries against their second view and the labeled queue M_l; every entry with the
 *     anchor's label is a positive with uniform weight ({@link #sclTargets}).</li>
 * </ul>
 * Both contrastive terms go through a {@link ContrastiveObjective} (options {@code unlabeledObjective},
 * {@code labeledObjective}); the defaults (NCL, SupCon) are the soft cross-entropy
 * {@link Estimators#softCrossEntropy} with the targets above, and other strategies (DCL, HCL, SSCL, MoCHi,
 * false-negative handling) swap in.
 * All tensor code is batched (no per-sample loops); targets that depend only on detached values are built in Java.
 * Scalars are 0-d arrays ({@link Scalars}) so that gradients survive garbage collection.
 */
public final class NclLoss {

    /** The values of one step: the total (with gradient) and each weighted term's value. */
    public static final class Result {
        private final NDArray total;
        private final Map<String, NDArray> terms;
        private final float[] unlabeledZ;
        private final float[] labeledZ;
        private final int[] labels;

        Result(NDArray total, Map<String, NDArray> terms, float[] unlabeledZ, float[] labeledZ, int[] labels) {
            this.total = total;
            this.terms = terms;
            this.unlabeledZ = unlabeledZ;
            this.labeledZ = labeledZ;
            this.labels = labels;
        }

        /** The loss to back-propagate. */
        public NDArray total() {
            return total;
        }

        /** The unweighted terms by name (ce, bce, mse, ncl, scl), with gradient history. */
        public Map<String, NDArray> terms() {
            return terms;
        }

        /** Unweighted term values by name (ce, bce, mse, ncl, scl), read after backward. */
        public Map<String, Double> termValues() {
            Map<String, Double> m = new LinkedHashMap<>();
            terms.forEach((k, v) -> m.put(k, (double) v.getFloat()));
            return m;
        }
    }

    private final NclOptions options;
    private final int numNovel;
    private final MemoryQueue unlabeledQueue;
    private final MemoryQueue labeledQueue;
    private final ContrastiveObjective unlabeledObjective;
    private final ContrastiveObjective labeledObjective;

    /**
     * A loss with fresh queues of width {@code featureDim}; {@code random} drives queue init and synthetic
     * negatives (HNG, SSCL, MoCHi).
     */
    public NclLoss(NclOptions options, int featureDim, SplittableRandom random) {
        this.options = options;
        this.numNovel = options.numNovelClasses();
        this.unlabeledQueue = new MemoryQueue(options.get(UNLABELED_QUEUE_SIZE), featureDim, random);
        this.labeledQueue = new MemoryQueue(options.get(LABELED_QUEUE_SIZE), featureDim, random);
        this.unlabeledObjective =
                ContrastiveObjectives.create(options, ContrastiveSite.UNLABELED, random, unlabeledQueue, labeledQueue);
        this.labeledObjective =
                ContrastiveObjectives.create(options, ContrastiveSite.LABELED, random, unlabeledQueue, labeledQueue);
    }

    /** M_u. */
    public MemoryQueue unlabeledQueue() {
        return unlabeledQueue;
    }

    /** M_l. */
    public MemoryQueue labeledQueue() {
        return labeledQueue;
    }

    /**
     * The full objective for one batch whose first {@code labels.length} rows are labeled and the rest
     * unlabeled. Inputs are the network's outputs for view 1 (x) and view 2 (x̂).
     */
    public Result compute(
            NDManager m,
            NDArray f1,
            NDArray f2,
            NDArray known1,
            NDArray known2,
            NDArray novel1,
            NDArray novel2,
            int[] labels,
            int epoch) {
        int b = (int) f1.getShape().get(0);
        int bl = labels.length;
        int bu = b - bl;
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray z1 = f1.normalize(2, 1, 1e-12);
        NDArray z2 = f2.normalize(2, 1, 1e-12);
        NDArray total = Scalars.of(m, 0);

        float[] labeledZ = null;
        if (bl > 0) {
            NDArray ce = crossEntropy(known1.get("0:{}", bl), labels);
            terms.put("ce", ce);
            total = total.add(ce);
            if (options.get(SCL_WEIGHT) > 0) {
                NDArray q = z1.get("0:{}", bl);
                NDArray k = z2.get("0:{}", bl).stopGradient();
                NDArray logits = contrastLogits(m, q, k, labeledQueue);
                int columns = 1 + labeledQueue.size();
                float[] targets = labeledObjective.strategy() == ContrastiveStrategy.INFONCE
                        ? ContrastiveTargets.viewOnly(bl, columns)
                        : sclTargets(labels, labeledQueue.labels());
                NDArray scl = labeledObjective.loss(
                        m,
                        new ContrastProblem(
                                q, logits, targets, null, labeledQueue.data(), 1, options.get(NCL_TEMPERATURE), epoch));
                terms.put("scl", scl);
                total = total.add(scl.mul(Scalars.of(m, options.get(SCL_WEIGHT))));
            }
            labeledZ = z1.get("0:{}", bl).stopGradient().toFloatArray();
        }

        NDArray mse = consistencyMse(known1, known2, novel1, novel2);
        terms.put("mse", mse);
        double omega = rampUp(epoch, options.get(RAMP_UP_COEFFICIENT), options.get(RAMP_UP_LENGTH));
        total = total.add(mse.mul(Scalars.of(m, omega)));

        float[] unlabeledZ = null;
        if (bu > 1) {
            NDArray fu = f1.get("{}:", bl);
            int d = (int) fu.getShape().get(1);
            PairwisePseudoLabels.Result pseudo = PairwisePseudoLabels.compute(
                    options.get(PSEUDO_LABELS),
                    fu.stopGradient().toFloatArray(),
                    bu,
                    d,
                    numNovel,
                    options.get(COSINE_THRESHOLD),
                    options.get(RANK_STATS_TOP_K),
                    options.get(ADAPTIVE_NEIGHBOUR_FRACTION));
            NDArray bce = pairwiseBce(
                    novel1.get("{}:", bl),
                    novel2.get("{}:", bl),
                    m.create(pseudo.targets(), new Shape(bu, bu)),
                    m.create(pseudo.weights(), new Shape(bu, bu)));
            terms.put("bce", bce);
            total = total.add(bce.mul(Scalars.of(m, options.get(BCE_WEIGHT))));
            if (options.get(ENTROPY_WEIGHT) > 0) {
                NDArray balance = negativeMeanEntropy(novel1.get("{}:", bl));
                terms.put("balance", balance);
                total = total.add(balance.mul(Scalars.of(m, options.get(ENTROPY_WEIGHT))));
            }

            if (options.get(NCL_WEIGHT) > 0) {
                NDArray q = z1.get("{}:", bl);
                NDArray k = z2.get("{}:", bl).stopGradient();
                NDArray logits = contrastLogits(m, q, k, unlabeledQueue);
                int columns = 1 + unlabeledQueue.size();
                int topK = Math.min(options.effectiveNclTopK(), columns);
                float[] targets = switch (unlabeledObjective.strategy()) {
                    case INFONCE -> ContrastiveTargets.viewOnly(bu, columns);
                    case SUPCON ->
                        ContrastiveTargets.uniformTopK(logits.stopGradient().toFloatArray(), bu, columns, topK);
                    default ->
                        nclTargets(logits.stopGradient().toFloatArray(), bu, columns, topK, options.get(NCL_ALPHA));
                };
                NDArray ncl = unlabeledObjective.loss(
                        m,
                        new ContrastProblem(
                                q,
                                logits,
                                targets,
                                null,
                                unlabeledQueue.data(),
                                1,
                                options.get(NCL_TEMPERATURE),
                                epoch));
                terms.put("ncl", ncl);
                total = total.add(ncl.mul(Scalars.of(m, options.get(NCL_WEIGHT))));
            }
        }
        if (bu > 0) {
            unlabeledZ = z1.get("{}:", bl).stopGradient().toFloatArray();
        }
        return new Result(total, terms, unlabeledZ, labeledZ, labels);
    }

    /** Pushes the step's first-view embeddings into the queues; call after backward. */
    public void enqueue(Result r) {
        if (r.unlabeledZ != null) {
            unlabeledQueue.add(r.unlabeledZ, null, r.unlabeledZ.length / unlabeledQueue.dim());
        }
        if (r.labeledZ != null) {
            labeledQueue.add(r.labeledZ, r.labels, r.labels.length);
        }
    }

    private NDArray contrastLogits(NDManager m, NDArray q, NDArray k, MemoryQueue queue) {
        NDArray positive = q.mul(k).sum(new int[] {1}, true);
        NDArray memory = m.create(queue.data(), new Shape(queue.size(), queue.dim()));
        NDArray negatives = q.matMul(memory.transpose());
        return positive.concat(negatives, 1).div(Scalars.of(m, options.get(NCL_TEMPERATURE)));
    }

    // ---- the terms, each testable on its own ----------------------------------------------

    /** L_ce = −mean_i log softmax(logits_i)[y_i]. */
    public static NDArray crossEntropy(NDArray logits, int[] labels) {
        int classes = (int) logits.getShape().get(1);
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " of row " + i + " is outside 0.." + (classes - 1));
            }
            oneHot[i * classes + labels[i]] = 1f;
        }
        NDArray targets = logits.getManager().create(oneHot, new Shape(labels.length, classes));
        return Estimators.softCrossEntropy(logits, targets);
    }

    /**
     * Cross-entropy of one softmax over the known and novel logits side by side, [φ_l(x), φ_u(x)], averaged over
     * the rows whose target (0..C_l+C_u−1) is not negative; null when no row has one.
     */
    public static NDArray jointCrossEntropy(NDArray knownLogits, NDArray novelLogits, int[] targets) {
        long[] rows = java.util.stream.IntStream.range(0, targets.length)
                .filter(i -> targets[i] >= 0)
                .asLongStream()
                .toArray();
        if (rows.length == 0) {
            return null;
        }
        int[] kept =
                java.util.Arrays.stream(rows).mapToInt(i -> targets[(int) i]).toArray();
        NDArray logits = knownLogits.concat(novelLogits, 1);
        NDArray index = logits.getManager().create(rows);
        return crossEntropy(logits.get(index), kept);
    }

    /**
     * L_bce: P = softmax(φ_u(x̂)) · softmax(φ_u(x))ᵀ, weighted mean over pairs of
     * −[ŷ log(p + 1e-7) + (1 − ŷ) log(1 − p + 1e-7)]; pairs with weight 0 are left out.
     */
    public static NDArray pairwiseBce(NDArray novelView1, NDArray novelView2, NDArray targets, NDArray weights) {
        NDManager m = novelView1.getManager();
        NDArray p = novelView2.softmax(1).matMul(novelView1.softmax(1).transpose());
        NDArray eps = Scalars.of(m, 1e-7);
        NDArray one = Scalars.of(m, 1);
        NDArray pos = targets.mul(p.add(eps).log());
        NDArray neg = one.sub(targets).mul(one.sub(p).add(eps).log());
        NDArray perPair = pos.add(neg).neg().mul(weights);
        return perPair.sum().div(weights.sum().maximum(one));
    }

    /**
     * The balance term −H(p̄) with p̄ the mean over rows of softmax(logits): minimal when the rows
     * spread evenly over the clusters (SCAN, Van Gansbeke et al., ECCV 2020).
     */
    public static NDArray negativeMeanEntropy(NDArray logits) {
        NDManager m = logits.getManager();
        NDArray mean = logits.softmax(1).mean(new int[] {0});
        return mean.mul(mean.add(Scalars.of(m, 1e-8)).log()).sum();
    }

    /** L_mse = mse(softmax φ_l(x), softmax φ_l(x̂)) + mse(softmax φ_u(x), softmax φ_u(x̂)), means over elements. */
    public static NDArray consistencyMse(NDArray known1, NDArray known2, NDArray novel1, NDArray novel2) {
        NDArray b = novel1.softmax(1).sub(novel2.softmax(1)).square().mean();
        if (known1.getShape().get(1) == 0) {
            return b; // no known classes: the mean over an empty array would be NaN
        }
        NDArray a = known1.softmax(1).sub(known2.softmax(1)).square().mean();
        return a.add(b);
    }

    /** ω(t) = c·exp(−5(1 − min(t, T)/T)²). */
    public static double rampUp(double epoch, double coefficient, double length) {
        double phase = 1.0 - Math.min(epoch, length) / length;
        return coefficient * Math.exp(-5.0 * phase * phase);
    }

    /**
     * NCL's soft targets over {@code columns} logits per row (column 0 = the view's own positive): the
     * top-k columns of each row (positive column included) get (1−α)/k, then column 0 is set to α.
     */
    public static float[] nclTargets(float[] detachedLogits, int rows, int columns, int topK, double alpha) {
        float[] t = new float[rows * columns];
        float share = (float) ((1.0 - alpha) / topK);
        for (int i = 0; i < rows; i++) {
            int[] order = Ranking.descending(detachedLogits, i * columns, columns);
            for (int k = 0; k < topK; k++) {
                t[i * columns + order[k]] = share;
            }
            t[i * columns] = (float) alpha;
        }
        return t;
    }

    /**
     * L_scl's targets: column 0 (the second view) and every queue entry with the anchor's label are
     * positives with uniform weight 1/(1 + #same-label entries).
     */
    public static float[] sclTargets(int[] anchorLabels, int[] queueLabels) {
        int columns = 1 + queueLabels.length;
        float[] t = new float[anchorLabels.length * columns];
        for (int i = 0; i < anchorLabels.length; i++) {
            int count = 1;
            for (int l : queueLabels) {
                if (l == anchorLabels[i]) {
                    count++;
                }
            }
            float w = 1f / count;
            t[i * columns] = w;
            for (int j = 0; j < queueLabels.length; j++) {
                if (queueLabels[j] == anchorLabels[i]) {
                    t[i * columns + 1 + j] = w;
                }
            }
        }
        return t;
    }
}
