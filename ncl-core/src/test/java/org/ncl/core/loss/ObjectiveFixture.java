// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.ncl.core.options.NclOptions.ADAPTIVE_NEIGHBOUR_FRACTION;
import static org.ncl.core.options.NclOptions.BCE_WEIGHT;
import static org.ncl.core.options.NclOptions.COSINE_THRESHOLD;
import static org.ncl.core.options.NclOptions.ENTROPY_WEIGHT;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_EASY_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_KEPT;
import static org.ncl.core.options.NclOptions.HNG_MIXING;
import static org.ncl.core.options.NclOptions.HNG_ROUNDS;
import static org.ncl.core.options.NclOptions.HNG_START_EPOCH;
import static org.ncl.core.options.NclOptions.LABELED_QUEUE_SIZE;
import static org.ncl.core.options.NclOptions.NCL_ALPHA;
import static org.ncl.core.options.NclOptions.NCL_TEMPERATURE;
import static org.ncl.core.options.NclOptions.NCL_WEIGHT;
import static org.ncl.core.options.NclOptions.PSEUDO_LABELS;
import static org.ncl.core.options.NclOptions.RAMP_UP_COEFFICIENT;
import static org.ncl.core.options.NclOptions.RAMP_UP_LENGTH;
import static org.ncl.core.options.NclOptions.SCL_WEIGHT;
import static org.ncl.core.options.NclOptions.UNLABELED_QUEUE_SIZE;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.PseudoLabels;

/**
 * One batch for {@link NclLoss#compute}: network outputs of both views, queues partly filled with
 * unit rows (the rest keeps the random initialisation), and NCL's discovery objective
 * recomputed in double from the formulas (Zhong et al., CVPR 2021, section 3, and the authors' code):
 * L = L_ce + w_bce·L_bce + ω(t)·L_mse + w_u·L_ncl + w_l·L_scl, plus the project's balance term
 * w_H·(−H(p̄)) when its weight is positive.
 */
final class ObjectiveFixture {

    static final int D = 8;
    static final int CL = 3;
    static final int CU = 3;
    static final int KU = 24;
    static final int KL = 16;
    static final double TAU = 0.1;
    static final double ALPHA = 0.3; // (1 − α)/k ≠ α, so the order "top-k then column 0" matters
    static final double W_BCE = 0.7;
    static final double W_NCL = 1.3;
    static final double W_SCL = 0.4;
    static final double RAMP_C = 5;
    static final double RAMP_T = 10;
    /** K_u / (2·C_u). */
    static final int NCL_TOP_K = KU / (2 * CU);

    final NclOptions options;
    final double entropyWeight;
    final int rows;
    final int[] labels;
    final int epoch;
    final long seed;
    final float[] f1;
    final float[] f2;
    final float[] known1;
    final float[] known2;
    final float[] novel1;
    final float[] novel2;
    private final float[] unlabeledRows;
    private final float[] labeledRows;
    private final int[] labeledRowLabels;
    /** Queue contents seen by the step (snapshot before compute). */
    final double[][] memoryU;

    final double[][] memoryL;
    final int[] memoryLabels;

    ObjectiveFixture(
            PseudoLabels rule,
            int rows,
            int[] labels,
            int epoch,
            boolean hardNegatives,
            double entropyWeight,
            long seed) {
        this.entropyWeight = entropyWeight;
        this.rows = rows;
        this.labels = labels.clone();
        this.epoch = epoch;
        this.seed = seed;
        this.options = NclOptions.builder(CU)
                .set(PSEUDO_LABELS, rule)
                .set(COSINE_THRESHOLD, 0.3)
                .set(ADAPTIVE_NEIGHBOUR_FRACTION, 0.5)
                .set(BCE_WEIGHT, W_BCE)
                .set(RAMP_UP_COEFFICIENT, RAMP_C)
                .set(RAMP_UP_LENGTH, RAMP_T)
                .set(NCL_WEIGHT, W_NCL)
                .set(NCL_TEMPERATURE, TAU)
                .set(NCL_ALPHA, ALPHA)
                .set(NclOptions.NCL_TOP_K, 0)
                .set(SCL_WEIGHT, W_SCL)
                .set(UNLABELED_QUEUE_SIZE, KU)
                .set(LABELED_QUEUE_SIZE, KL)
                .set(HARD_NEGATIVES, hardNegatives)
                .set(HNG_START_EPOCH, 1)
                .set(HNG_EASY_NEGATIVES, 5)
                .set(HNG_ROUNDS, 2)
                .set(HNG_KEPT, 8)
                .set(ENTROPY_WEIGHT, entropyWeight)
                .build();
        Random r = new Random(seed);
        f1 = DoubleRef.gaussian(r, rows, D, 1.5);
        f2 = new float[f1.length];
        for (int i = 0; i < f1.length; i++) {
            f2[i] = (float) (f1[i] + 0.5 * r.nextGaussian()); // a second view close to the first
        }
        known1 = DoubleRef.gaussian(r, rows, CL, 2);
        known2 = DoubleRef.gaussian(r, rows, CL, 2);
        novel1 = DoubleRef.gaussian(r, rows, CU, 2);
        novel2 = DoubleRef.gaussian(r, rows, CU, 2);
        unlabeledRows = DoubleRef.unitRows(DoubleRef.gaussian(r, 20, D, 1), 20, D);
        labeledRows = DoubleRef.unitRows(DoubleRef.gaussian(r, 10, D, 1), 10, D);
        labeledRowLabels = new int[10];
        for (int i = 0; i < 10; i++) {
            labeledRowLabels[i] = i % CL;
        }
        NclLoss probe = newLoss();
        memoryU = DoubleRef.matrix(probe.unlabeledQueue().data(), KU, D);
        memoryL = DoubleRef.matrix(probe.labeledQueue().data(), KL, D);
        memoryLabels = probe.labeledQueue().labels().clone();
    }

    /** A fresh loss in the fixture's state; two calls give identical objects (same seed, same rows). */
    NclLoss newLoss() {
        NclLoss loss = new NclLoss(options, D, new SplittableRandom(seed));
        loss.unlabeledQueue().add(unlabeledRows, null, 20); // 20 of 24: 4 random entries stay, pointer 20
        loss.labeledQueue().add(labeledRows, labeledRowLabels, 10); // 10 of 16: 6 entries with label -1
        return loss;
    }

    private static double[][] rowsOf(double[][] m, int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = m[i];
        }
        return out;
    }

    /** The unweighted terms in double, and "total"; hard negatives materialised when active. */
    Map<String, Double> reference(double[] f1v, double[] f2v, double[] k1v, double[] k2v, double[] u1v, double[] u2v) {
        int bl = labels.length;
        double[][] z1 = DoubleRef.normalizeRows(DoubleRef.matrix(f1v, rows, D));
        double[][] z2 = DoubleRef.normalizeRows(DoubleRef.matrix(f2v, rows, D));
        double[][] k1 = DoubleRef.matrix(k1v, rows, CL);
        double[][] k2 = DoubleRef.matrix(k2v, rows, CL);
        double[][] u1 = DoubleRef.matrix(u1v, rows, CU);
        double[][] u2 = DoubleRef.matrix(u2v, rows, CU);
        Map<String, Double> terms = new LinkedHashMap<>();
        double total = 0;
        if (bl > 0) {
            double ce = DoubleRef.crossEntropy(rowsOf(k1, 0, bl), labels);
            double[][] logits = DoubleRef.contrastLogits(rowsOf(z1, 0, bl), rowsOf(z2, 0, bl), memoryL, TAU);
            double scl = DoubleRef.softCrossEntropy(logits, DoubleRef.sclTargets(labels, memoryLabels));
            terms.put("ce", ce);
            terms.put("scl", scl);
            total += ce + W_SCL * scl;
        }
        double mse = DoubleRef.consistencyMse(k1, k2, u1, u2);
        terms.put("mse", mse);
        double phase = 1 - Math.min(epoch, RAMP_T) / RAMP_T;
        total += RAMP_C * Math.exp(-5 * phase * phase) * mse;

        double[][] features = rowsOf(DoubleRef.matrix(f1v, rows, D), bl, rows);
        double[][][] pseudo = options.get(PSEUDO_LABELS) == PseudoLabels.COSINE
                ? DoubleRef.cosineLabels(features, options.get(COSINE_THRESHOLD))
                : DoubleRef.adaptiveLabels(features, CU, options.get(ADAPTIVE_NEIGHBOUR_FRACTION));
        double bce = DoubleRef.pairwiseBce(rowsOf(u1, bl, rows), rowsOf(u2, bl, rows), pseudo[0], pseudo[1]);
        terms.put("bce", bce);
        if (entropyWeight > 0) {
            double balance = DoubleRef.negativeMeanEntropy(rowsOf(u1, bl, rows));
            terms.put("balance", balance);
            total += entropyWeight * balance;
        }
        double[][] logits = DoubleRef.contrastLogits(rowsOf(z1, bl, rows), rowsOf(z2, bl, rows), memoryU, TAU);
        double[][] targets = DoubleRef.nclTargets(logits, NCL_TOP_K, ALPHA);
        if (options.get(HARD_NEGATIVES) && epoch >= options.get(HNG_START_EPOCH)) {
            // the loss's SplittableRandom first fills M_u then M_l (one nextDouble per value), then HNG draws
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < (KU + KL) * D; i++) {
                random.nextDouble();
            }
            double[][] hard = DoubleRef.hardNegatives(
                            rowsOf(z1, bl, rows),
                            memoryU,
                            memoryL,
                            options.get(HNG_EASY_NEGATIVES),
                            options.get(HNG_ROUNDS),
                            options.get(HNG_MIXING).stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray(),
                            options.get(HNG_KEPT),
                            random)
                    .similarities();
            for (int i = 0; i < logits.length; i++) {
                double[] extended = Arrays.copyOf(logits[i], logits[i].length + hard[i].length);
                for (int k = 0; k < hard[i].length; k++) {
                    extended[logits[i].length + k] = hard[i][k] / TAU;
                }
                logits[i] = extended;
                targets[i] = Arrays.copyOf(targets[i], extended.length); // hard negatives: target 0
            }
        }
        double ncl = DoubleRef.softCrossEntropy(logits, targets);
        terms.put("ncl", ncl);
        total += W_BCE * bce + W_NCL * ncl;
        terms.put("total", total);
        return terms;
    }

    Map<String, Double> reference() {
        return reference(
                DoubleRef.widen(f1),
                DoubleRef.widen(f2),
                DoubleRef.widen(known1),
                DoubleRef.widen(known2),
                DoubleRef.widen(novel1),
                DoubleRef.widen(novel2));
    }

    /** The six inputs, in the order f1, f2, known1, known2, novel1, novel2. */
    float[][] inputs() {
        return new float[][] {f1, f2, known1, known2, novel1, novel2};
    }

    /** Widths of the six inputs. */
    static int[] widths() {
        return new int[] {D, D, CL, CL, CU, CU};
    }

    /** The reference total as a function of input {@code which} (others fixed). */
    double totalAsFunctionOf(int which, double[] x) {
        double[][] in = new double[6][];
        float[][] base = inputs();
        for (int i = 0; i < 6; i++) {
            in[i] = i == which ? x : DoubleRef.widen(base[i]);
        }
        return reference(in[0], in[1], in[2], in[3], in[4], in[5]).get("total");
    }
}
