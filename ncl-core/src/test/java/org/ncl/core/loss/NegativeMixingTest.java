// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.loss.DoubleRef.assertAllClose;
import static org.ncl.core.loss.DoubleRef.assertClose;
import static org.ncl.core.options.NclOptions.MOCHI_HARDEST;
import static org.ncl.core.options.NclOptions.MOCHI_QUERY_MIXES;
import static org.ncl.core.options.NclOptions.MOCHI_SYNTHETIC;
import static org.ncl.core.options.NclOptions.PRETRAIN_OBJECTIVE;
import static org.ncl.core.options.NclOptions.SSCL_HARDEST;
import static org.ncl.core.options.NclOptions.SSCL_SYNTHETIC;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.ncl.core.loss.contrastive.ContrastProblem;
import org.ncl.core.loss.contrastive.ContrastiveObjective;
import org.ncl.core.loss.contrastive.ContrastiveObjectives;
import org.ncl.core.loss.contrastive.NegativeMixing;
import org.ncl.core.options.ContrastiveSite;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.NclOptions;

/**
 * Synthetic negatives of SSCL (seed 001) and MoCHi (Kalantidis et al., NeurIPS 2020): drawn from the anchor's
 * hardest negatives, L2-normalised, detached (the gradient matches a double reference in which they are
 * constants, and not one in which they move with the embeddings), and the full SSCL loss (HCL + DCL over real
 * and synthetic negatives) in value and gradient.
 */
class NegativeMixingTest {

    private static final int B = 6;
    private static final int N = 2 * B;
    private static final int D = 8;
    private static final double T = 0.5;

    private static float[] z(long seed) {
        return DoubleRef.unitRows(DoubleRef.gaussian(new Random(seed), N, D, 1), N, D);
    }

    /** Bank indices of row r's negatives in the two-view problem, most similar first (double). */
    private static Integer[] hardest(double[][] z, int r, int s) {
        Integer[] all = java.util.stream.IntStream.range(0, N)
                .filter(a -> a != r && a != (r + B) % N)
                .boxed()
                .toArray(Integer[]::new);
        Arrays.sort(all, (a, b) -> Double.compare(DoubleRef.dot(z[r], z[b]), DoubleRef.dot(z[r], z[a])));
        return Arrays.copyOf(all, s);
    }

    /** The plan's mixtures as double vectors h (unnormalised) and the normalised ones. */
    private static double[][][] mixtures(NegativeMixing.Plan plan, double[][] z) {
        double[][][] h = new double[plan.rows()][plan.count()][];
        for (int r = 0; r < plan.rows(); r++) {
            for (int k = 0; k < plan.count(); k++) {
                int o = r * plan.count() + k;
                double[] x = plan.first()[o] == N ? z[r] : z[(int) plan.first()[o]];
                double[] y = z[(int) plan.second()[o]];
                double w = plan.weight()[o];
                double[] v = new double[D];
                for (int j = 0; j < D; j++) {
                    v[j] = w * x[j] + (1 - w) * y[j];
                }
                h[r][k] = v;
            }
        }
        return h;
    }

    @Test
    void ssclPlanMixesTheHardestNegativesIntoUnitVectors() {
        float[] zf = z(51);
        double[][] z = DoubleRef.matrix(zf, N, D);
        try (NDManager m = NDManager.newBaseManager()) {
            ContrastProblem p = InfoNce.twoViewProblem(m, m.create(zf, new Shape(N, D)), T, null, 0);
            NegativeMixing.Plan plan = NegativeMixing.ssclPlan(m, p, 4, 3, 0.2, 0.9, 1.0, new SplittableRandom(7));
            float[] sims = NegativeMixing.similarities(m, p, plan).toFloatArray();
            double[][][] h = mixtures(plan, z);
            for (int r = 0; r < N; r++) {
                Set<Integer> hard = new HashSet<>(Arrays.asList(hardest(z, r, 4)));
                for (int k = 0; k < 3; k++) {
                    int o = r * 3 + k;
                    assertTrue(
                            hard.contains((int) plan.first()[o]) && hard.contains((int) plan.second()[o]),
                            "row " + r + ": mixes " + plan.first()[o] + ", " + plan.second()[o] + " of the hardest "
                                    + hard);
                    assertNotEquals(plan.first()[o], plan.second()[o], "two different negatives");
                    assertTrue(
                            plan.weight()[o] >= 0.2 && plan.weight()[o] <= 0.9, "a in [0.2, 0.9]: " + plan.weight()[o]);
                    // normalised: ‖h‖·(1/‖h‖) = 1, and the similarity is the cosine with the unit mixture
                    assertClose(1.0, DoubleRef.norm(h[r][k]) * plan.inverseNorm()[o], 1e-6, 1e-6, "unit norm");
                    assertClose(DoubleRef.dot(z[r], DoubleRef.normalize(h[r][k])), sims[o], 1e-5, 1e-6, "q·h");
                }
            }
        }
    }

    @Test
    void contrastControlDrawsHarderSyntheticNegatives() {
        float[] zf = z(52);
        try (NDManager m = NDManager.newBaseManager()) {
            ContrastProblem p = InfoNce.twoViewProblem(m, m.create(zf, new Shape(N, D)), T, null, 0);
            double uniform = mean(NegativeMixing.similarities(
                            m, p, NegativeMixing.ssclPlan(m, p, 8, 4, 0, 1, 0, new SplittableRandom(3)))
                    .toFloatArray());
            double hard = mean(NegativeMixing.similarities(
                            m, p, NegativeMixing.ssclPlan(m, p, 8, 4, 0, 1, 50, new SplittableRandom(3)))
                    .toFloatArray());
            assertTrue(hard > uniform + 0.02, "contrast 50: " + hard + ", contrast 0: " + uniform);
        }
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Test
    void ssclLossMatchesReferenceWithDetachedSyntheticNegatives() {
        float[] zf = z(53);
        double[][] z0 = DoubleRef.matrix(zf, N, D);
        int s = 5;
        int k = 4;
        NclOptions o = NclOptions.builder(3)
                .set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.SSCL)
                .set(SSCL_HARDEST, s)
                .set(SSCL_SYNTHETIC, k)
                .build();
        ContrastiveObjective sscl =
                ContrastiveObjectives.create(o, ContrastiveSite.PRETRAIN, new SplittableRandom(9), null, null);
        NegativeMixing.Plan plan;
        try (NDManager m = NDManager.newBaseManager()) {
            plan = NegativeMixing.ssclPlan(
                    m,
                    InfoNce.twoViewProblem(m, m.create(zf, new Shape(N, D)), T, null, 0),
                    s,
                    k,
                    0,
                    1,
                    1.0,
                    new SplittableRandom(9));
        }
        double[][][] fixed = mixtures(plan, z0);
        // detached: h are constants from the starting embeddings
        ToDoubleFunction<double[]> detached = x -> ssclReference(DoubleRef.matrix(x, N, D), fixed);
        // not detached: h move with the embeddings
        ToDoubleFunction<double[]> attached =
                x -> ssclReference(DoubleRef.matrix(x, N, D), mixtures(plan, DoubleRef.matrix(x, N, D)));
        float[][] actual = ContrastiveEstimatorsTest.lossAndGradient(sscl, zf, N, D, T, null);
        assertClose(detached.applyAsDouble(DoubleRef.widen(zf)), actual[0][0], 1e-5, 1e-6, "SSCL loss");
        double[] expected = DoubleRef.numericGradient(detached, DoubleRef.widen(zf), 1e-6);
        assertAllClose(expected, actual[1], 1e-3, 1e-4, "SSCL gradient, synthetic negatives detached");
        double[] ifAttached = DoubleRef.numericGradient(attached, DoubleRef.widen(zf), 1e-6);
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(ifAttached[i] - actual[1][i]));
        }
        assertTrue(diff > 1e-3, "a gradient through the synthetic negatives would differ; largest difference " + diff);
    }

    /** HCL (β = 1) with DCL's debiasing (τ⁺ = 0.1) over the real negatives and the normalised mixtures. */
    private static double ssclReference(double[][] z, double[][][] h) {
        int k = h[0].length;
        double[][] sims = new double[N][N + k];
        double[][] w = new double[N][N + k];
        boolean[][] excluded = new boolean[N][N + k];
        double[][] base = ContrastRef.twoViewTargets(N, null);
        for (int r = 0; r < N; r++) {
            for (int a = 0; a < N; a++) {
                sims[r][a] = DoubleRef.dot(z[r], z[a]);
                w[r][a] = base[r][a];
            }
            excluded[r][r] = true;
            for (int j = 0; j < k; j++) {
                sims[r][N + j] = DoubleRef.dot(z[r], DoubleRef.normalize(h[r][j]));
            }
        }
        return ContrastRef.debiased(sims, w, excluded, 0.1, 1.0, T);
    }

    @Test
    void mochiMixesHardestPairsAndTheQueryAndAppendsThemAsNegatives() {
        float[] zf = z(54);
        double[][] z = DoubleRef.matrix(zf, N, D);
        int hardestN = 6;
        NclOptions o = NclOptions.builder(3)
                .set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.MOCHI)
                .set(MOCHI_HARDEST, hardestN)
                .set(MOCHI_SYNTHETIC, 5)
                .set(MOCHI_QUERY_MIXES, 3)
                .build();
        try (NDManager m = NDManager.newBaseManager()) {
            ContrastProblem p = InfoNce.twoViewProblem(m, m.create(zf, new Shape(N, D)), T, null, 0);
            NegativeMixing.Plan plan = NegativeMixing.mochiPlan(m, p, hardestN, 5, 3, new SplittableRandom(11));
            assertEquals(8, plan.count());
            float[] sims = NegativeMixing.similarities(m, p, plan).toFloatArray();
            double[][][] h = mixtures(plan, z);
            for (int r = 0; r < N; r++) {
                Set<Integer> hard = new HashSet<>(Arrays.asList(hardest(z, r, hardestN)));
                for (int k = 0; k < 8; k++) {
                    int i = r * 8 + k;
                    assertTrue(hard.contains((int) plan.second()[i]), "mixes one of the hardest");
                    if (k < 5) {
                        assertTrue(
                                hard.contains((int) plan.first()[i]) && plan.first()[i] != plan.second()[i],
                                "pair of hardest");
                    } else {
                        assertEquals(N, plan.first()[i], "query mixing");
                        assertTrue(
                                plan.weight()[i] >= 0 && plan.weight()[i] < 0.5, "β in [0, 0.5): " + plan.weight()[i]);
                    }
                    assertClose(DoubleRef.dot(z[r], DoubleRef.normalize(h[r][k])), sims[i], 1e-5, 1e-6, "q·h");
                }
            }
            // the loss: InfoNCE over the real columns plus the appended mixtures (target 0)
            double[][] ext = new double[N][N + 8];
            double[][] w = new double[N][N + 8];
            boolean[][] excluded = new boolean[N][N + 8];
            double[][] base = ContrastRef.twoViewTargets(N, null);
            for (int r = 0; r < N; r++) {
                for (int a = 0; a < N; a++) {
                    ext[r][a] = DoubleRef.dot(z[r], z[a]);
                    w[r][a] = base[r][a];
                }
                excluded[r][r] = true;
                for (int k = 0; k < 8; k++) {
                    ext[r][N + k] = DoubleRef.dot(z[r], DoubleRef.normalize(h[r][k]));
                }
            }
            ContrastiveObjective mochi =
                    ContrastiveObjectives.create(o, ContrastiveSite.PRETRAIN, new SplittableRandom(11), null, null);
            NDArray loss = mochi.loss(m, p);
            assertClose(ContrastRef.softTarget(ext, w, excluded, T), loss.getFloat(), 1e-5, 1e-6, "MoCHi loss");
        }
    }

    @Test
    void gradientReachesTheAnchorsOnly() {
        // q·h with h detached: the similarities' gradient with respect to q is h (normalised), so Σ_k ∂(q·h_k)/∂q = Σ_k
        // h_k
        float[] zf = z(55);
        double[][] z = DoubleRef.matrix(zf, N, D);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zz = m.create(zf, new Shape(N, D));
            zz.setRequiresGradient(true);
            NegativeMixing.Plan plan;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ContrastProblem p = InfoNce.twoViewProblem(m, zz, T, null, 0);
                plan = NegativeMixing.mochiPlan(m, p, 5, 3, 2, new SplittableRandom(4));
                gc.backward(NegativeMixing.similarities(m, p, plan).sum());
            }
            double[][][] h = mixtures(plan, z);
            double[] expected = new double[N * D];
            for (int r = 0; r < N; r++) {
                for (double[] v : h[r]) {
                    double[] u = DoubleRef.normalize(v);
                    for (int j = 0; j < D; j++) {
                        expected[r * D + j] += u[j];
                    }
                }
            }
            assertAllClose(expected, zz.getGradient().toFloatArray(), 1e-5, 1e-5, "gradient = Σ h (nothing through h)");
        }
    }
}
