// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.loss.DoubleRef.assertAllClose;
import static org.ncl.core.loss.DoubleRef.assertClose;
import static org.ncl.core.options.NclOptions.DEBIAS_TAU_PLUS;
import static org.ncl.core.options.NclOptions.HARDNESS_BETA;
import static org.ncl.core.options.NclOptions.PRETRAIN_OBJECTIVE;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.ncl.core.loss.contrastive.ContrastiveObjective;
import org.ncl.core.loss.contrastive.ContrastiveObjectives;
import org.ncl.core.loss.contrastive.Estimators;
import org.ncl.core.options.ContrastiveSite;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.NclOptions;

/**
 * The estimators of the contrastive family against {@link ContrastRef}'s double loops: SupCon (Khosla et al.
 * 2020), DCL with its clamp at N·e^{−1/t} (Chuang et al. 2020), HCL's reweighting (Robinson et al. 2021), each
 * through the pretraining site's two-view problem, value and gradient (central differences in double).
 */
class ContrastiveEstimatorsTest {

    private static final int B = 5;
    private static final int N = 2 * B;
    private static final int D = 6;

    static ContrastiveObjective pretrainObjective(UnaryOperator<NclOptions.Builder> change) {
        NclOptions o = change.apply(NclOptions.builder(3)).build();
        return ContrastiveObjectives.create(o, ContrastiveSite.PRETRAIN, new SplittableRandom(5), null, null);
    }

    /** [loss], then the gradient with respect to z. */
    static float[][] lossAndGradient(ContrastiveObjective objective, float[] z, int n, int d, double t, int[] labels) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zz = m.create(z, new Shape(n, d));
            zz.setRequiresGradient(true);
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = InfoNce.twoViewLoss(m, zz, t, objective, labels, 0);
                value = loss.getFloat();
                gc.backward(loss);
            }
            return new float[][] {{value}, zz.getGradient().toFloatArray()};
        }
    }

    private static float[] unitRows(long seed) {
        return DoubleRef.unitRows(DoubleRef.gaussian(new Random(seed), N, D, 1), N, D);
    }

    @Test
    void supConOverTwoViewsWithLabelsMatchesKhoslaEtAl() {
        float[] z = unitRows(41);
        int[] labels = {0, 1, 0, -1, 1};
        double t = 0.07;
        ContrastiveObjective supcon = pretrainObjective(b -> b.set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.SUPCON));
        // L = −mean_i 1/|P(i)| Σ_p log exp(z_i·z_p/t) / Σ_{a≠i} exp(z_i·z_a/t)
        java.util.function.ToDoubleFunction<double[]> ref = x -> {
            double[][] zz = DoubleRef.matrix(x, N, D);
            double total = 0;
            for (int i = 0; i < N; i++) {
                double denominator = 0;
                for (int a = 0; a < N; a++) {
                    if (a != i) {
                        denominator += Math.exp(DoubleRef.dot(zz[i], zz[a]) / t);
                    }
                }
                double sum = 0;
                int count = 0;
                for (int p = 0; p < N; p++) {
                    boolean partner = p == (i + B) % N;
                    boolean same = labels[i % B] >= 0 && labels[p % B] == labels[i % B];
                    if (p != i && (partner || same)) {
                        sum += Math.log(Math.exp(DoubleRef.dot(zz[i], zz[p]) / t) / denominator);
                        count++;
                    }
                }
                total -= sum / count;
            }
            return total / N;
        };
        float[][] actual = lossAndGradient(supcon, z, N, D, t, labels);
        assertClose(ref.applyAsDouble(DoubleRef.widen(z)), actual[0][0], 1e-5, 1e-5, "SupCon");
        assertAllClose(
                DoubleRef.numericGradient(ref, DoubleRef.widen(z), 1e-6), actual[1], 1e-3, 2e-3, "SupCon gradient");
        // without labels SupCon is InfoNCE (NT-Xent)
        float[][] unlabeled = lossAndGradient(supcon, z, N, D, t, null);
        assertClose(
                ContrastRef.softTarget(
                        ContrastRef.sims(DoubleRef.matrix(z, N, D), DoubleRef.matrix(z, N, D)),
                        ContrastRef.twoViewTargets(N, null),
                        ContrastRef.diagonal(N),
                        t),
                unlabeled[0][0],
                1e-5,
                1e-5,
                "SupCon = InfoNCE");
    }

    @Test
    void dclMatchesChuangEtAlInValueAndGradient() {
        float[] z = unitRows(42);
        double t = 0.5;
        for (double tauPlus : new double[] {0.1, 0.0}) {
            ContrastiveObjective dcl = pretrainObjective(
                    b -> b.set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.DCL).set(DEBIAS_TAU_PLUS, tauPlus));
            java.util.function.ToDoubleFunction<double[]> ref = x -> {
                double[][] zz = DoubleRef.matrix(x, N, D);
                return ContrastRef.debiased(
                        ContrastRef.sims(zz, zz),
                        ContrastRef.twoViewTargets(N, null),
                        ContrastRef.diagonal(N),
                        tauPlus,
                        0,
                        t);
            };
            float[][] actual = lossAndGradient(dcl, z, N, D, t, null);
            assertClose(ref.applyAsDouble(DoubleRef.widen(z)), actual[0][0], 1e-5, 1e-6, "DCL tau+=" + tauPlus);
            assertAllClose(
                    DoubleRef.numericGradient(ref, DoubleRef.widen(z), 1e-6),
                    actual[1],
                    1e-3,
                    1e-4,
                    "DCL gradient tau+=" + tauPlus);
        }
        // τ⁺ = 0 and no clamp: DCL's denominator leaves out the other positives only; here there are none, so
        // it is InfoNCE exactly
        double[][] zz = DoubleRef.matrix(z, N, D);
        assertClose(
                ContrastRef.softTarget(
                        ContrastRef.sims(zz, zz), ContrastRef.twoViewTargets(N, null), ContrastRef.diagonal(N), t),
                ContrastRef.debiased(
                        ContrastRef.sims(zz, zz),
                        ContrastRef.twoViewTargets(N, null),
                        ContrastRef.diagonal(N),
                        0,
                        0,
                        t),
                1e-12,
                1e-12,
                "reference DCL(τ⁺=0) = InfoNCE");
    }

    @Test
    void dclClampsTheNegativeTermAtNTimesEToTheMinusOneOverT() {
        double t = 0.5;
        double tauPlus = 0.5;
        // row 0: the clamp binds ((−τ⁺·4·pos + Σneg)/(1−τ⁺) < 0); row 1: it does not
        double[][] sims = {{0.9, -0.95, -0.9, -0.97, -0.99}, {0.1, 0.3, 0.2, -0.1, 0.05}};
        double[][] w = {{1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}};
        int rows = 2;
        int cols = 5;
        float[] logits = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                logits[i * cols + j] = (float) (sims[i][j] / t);
            }
        }
        double pos0 = Math.exp((double) logits[0] * 1);
        double clamp = 4 * Math.exp(-1 / t);
        double sumNeg0 = 0;
        for (int j = 1; j < cols; j++) {
            sumNeg0 += Math.exp(logits[j]);
        }
        assertTrue((-tauPlus * 4 * pos0 + sumNeg0) / (1 - tauPlus) < clamp, "row 0 must hit the clamp");
        double row0 = -Math.log(pos0 / (pos0 + clamp));
        double[][] widened = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                widened[i][j] = logits[i * cols + j] * t;
            }
        }
        double expected = ContrastRef.debiased(widened, w, null, tauPlus, 0, t);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = m.create(logits, new Shape(rows, cols));
            l.setRequiresGradient(true);
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Estimators.debiased(m, l, ContrastRef.flatten(w), null, tauPlus, 0, t);
                value = loss.getFloat();
                gc.backward(loss);
            }
            assertClose(expected, value, 1e-6, 1e-7, "DCL with one clamped row");
            double row1 = 2 * expected - row0;
            assertTrue(Math.abs(row1 - row0) > 0.1, "the rows differ");
            float[] g = l.getGradient().toFloatArray();
            // clamped row: no gradient into the negatives; d/dl_pos of −log(pos/(pos + c)) / 2 rows
            for (int j = 1; j < cols; j++) {
                assertEquals(0f, g[j], 0f, "clamped row, negative " + j);
            }
            assertClose(-(1 - pos0 / (pos0 + clamp)) / rows, g[0], 1e-5, 1e-7, "clamped row, positive");
            // unclamped row: the negatives get gradient
            assertTrue(Math.abs(g[cols + 1]) > 1e-3, "unclamped row has gradient on negatives: " + g[cols + 1]);
        }
    }

    @Test
    void hclReweightsNegativesByNegToTheBeta() {
        float[] z = unitRows(43);
        double t = 0.5;
        for (double beta : new double[] {1.0, 0.5}) {
            ContrastiveObjective hcl = pretrainObjective(
                    b -> b.set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.HCL).set(HARDNESS_BETA, beta));
            java.util.function.ToDoubleFunction<double[]> ref = x -> {
                double[][] zz = DoubleRef.matrix(x, N, D);
                return ContrastRef.debiased(
                        ContrastRef.sims(zz, zz),
                        ContrastRef.twoViewTargets(N, null),
                        ContrastRef.diagonal(N),
                        0.1,
                        beta,
                        t);
            };
            float[][] actual = lossAndGradient(hcl, z, N, D, t, null);
            assertClose(ref.applyAsDouble(DoubleRef.widen(z)), actual[0][0], 1e-5, 1e-6, "HCL beta=" + beta);
            assertAllClose(
                    DoubleRef.numericGradient(ref, DoubleRef.widen(z), 1e-6),
                    actual[1],
                    1e-3,
                    1e-4,
                    "HCL gradient beta=" + beta);
        }
        // the reweighting matters: β = 1 weights hard negatives up, so the loss exceeds DCL's
        double[][] zz = DoubleRef.matrix(z, N, D);
        double dcl = ContrastRef.debiased(
                ContrastRef.sims(zz, zz), ContrastRef.twoViewTargets(N, null), ContrastRef.diagonal(N), 0.1, 0, t);
        float hcl1 = lossAndGradient(
                pretrainObjective(b -> b.set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.HCL)), z, N, D, t, null)[0][0];
        assertTrue(hcl1 > dcl + 1e-3, "HCL " + hcl1 + " vs DCL " + dcl);
        // β = 0 is DCL
        float hcl0 = lossAndGradient(
                pretrainObjective(
                        b -> b.set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.HCL).set(HARDNESS_BETA, 0.0)),
                z,
                N,
                D,
                t,
                null)[0][0];
        assertClose(dcl, hcl0, 1e-5, 1e-6, "HCL with beta 0 = DCL");
    }

    @Test
    void debiasedEstimatorWithSoftTargetsStaysExactAtNclTemperature() {
        // NCL-like rows: column 0 the view (α), two pseudo-positives ((1−α)/2), the rest negatives; t = 0.05
        Random r = new Random(44);
        int rows = 4;
        int cols = 9;
        double t = 0.05;
        double[][] q = DoubleRef.matrix(DoubleRef.unitRows(DoubleRef.gaussian(r, rows, D, 1), rows, D), rows, D);
        double[][] c = DoubleRef.matrix(DoubleRef.unitRows(DoubleRef.gaussian(r, cols, D, 1), cols, D), cols, D);
        double[][] sims = ContrastRef.sims(q, c);
        double[][] w = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            w[i][0] = 0.2;
            w[i][1 + i] = 0.4;
            w[i][2 + i] = 0.4;
        }
        boolean[][] excluded = new boolean[rows][cols];
        excluded[0][cols - 1] = true;
        float[] logits = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                logits[i * cols + j] = (float) (sims[i][j] / t);
                sims[i][j] = logits[i * cols + j] * t;
            }
        }
        for (double beta : new double[] {0, 1}) {
            double expected = ContrastRef.debiased(sims, w, excluded, 0.1, beta, t);
            try (NDManager m = NDManager.newBaseManager()) {
                float actual = Estimators.debiased(
                                m,
                                m.create(logits, new Shape(rows, cols)),
                                ContrastRef.flatten(w),
                                ContrastRef.flatten(excluded),
                                0.1,
                                beta,
                                t)
                        .getFloat();
                assertTrue(Float.isFinite(actual));
                assertClose(expected, actual, 2e-5, 1e-5, "soft-target debiased, beta " + beta);
            }
        }
        // and the soft-target estimator with the excluded entry
        try (NDManager m = NDManager.newBaseManager()) {
            float soft = Estimators.softTarget(
                            m,
                            m.create(logits, new Shape(rows, cols)),
                            ContrastRef.flatten(w),
                            ContrastRef.flatten(excluded))
                    .getFloat();
            assertClose(ContrastRef.softTarget(sims, w, excluded, t), soft, 1e-5, 1e-5, "soft target with exclusion");
        }
    }
}
