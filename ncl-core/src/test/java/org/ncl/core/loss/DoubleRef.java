// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Plain double-precision reference computations for the loss tests, written from the formulas of the
 * discovery objective (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021,
 * section 3) and of the contrastive-sampling family (see {@link ContrastRef}), not from the implementation: no NDArray, no shortcut, loops over the
 * definitions. Inputs are float32 values widened to double, so both sides see the same numbers.
 */
final class DoubleRef {

    private DoubleRef() {}

    // ---- inputs ---------------------------------------------------------------------------

    /** rows × cols Gaussian values times {@code scale}, rounded to float32. */
    static float[] gaussian(Random r, int rows, int cols, double scale) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    /** The rows of {@code v} divided by their norms, rounded to float32. */
    static float[] unitRows(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += (double) v[i * cols + j] * v[i * cols + j];
            }
            double n = Math.sqrt(s);
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) (v[i * cols + j] / n);
            }
        }
        return out;
    }

    /** Row-major float32 values as a double matrix. */
    static double[][] matrix(float[] v, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = v[i * cols + j];
            }
        }
        return m;
    }

    static double[][] matrix(double[] v, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(v, i * cols, m[i], 0, cols);
        }
        return m;
    }

    static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    // ---- elementary ---------------------------------------------------------------------------

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double cosine(double[] a, double[] b) {
        return dot(a, b) / (norm(a) * norm(b));
    }

    static double[] normalize(double[] a) {
        double n = norm(a);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / n;
        }
        return out;
    }

    static double[][] normalizeRows(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = normalize(a[i]);
        }
        return out;
    }

    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : x) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    static double[] softmax(double[] x) {
        double lse = logSumExp(x);
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = Math.exp(x[i] - lse);
        }
        return p;
    }

    // ---- the loss terms ---------------------------------------------------------------------

    /** mean_i −Σ_j t_ij log softmax(x_i)_j. */
    static double softCrossEntropy(double[][] logits, double[][] targets) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double lse = logSumExp(logits[i]);
            for (int j = 0; j < logits[i].length; j++) {
                total -= targets[i][j] * (logits[i][j] - lse);
            }
        }
        return total / logits.length;
    }

    /** −mean_i log softmax(x_i)[y_i]. */
    static double crossEntropy(double[][] logits, int[] labels) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            total += logSumExp(logits[i]) - logits[i][labels[i]];
        }
        return total / logits.length;
    }

    /**
     * L_bce with p_ab = ⟨softmax(view2_a), softmax(view1_b)⟩, a weighted mean over the pairs whose
     * weight is 1: Σ w·(−[y log(p+1e-7) + (1−y) log(1−p+1e-7)]) / max(Σ w, 1).
     */
    static double pairwiseBce(double[][] novel1, double[][] novel2, double[][] targets, double[][] weights) {
        int n = novel1.length;
        double num = 0;
        double den = 0;
        for (int a = 0; a < n; a++) {
            double[] pa = softmax(novel2[a]);
            for (int b = 0; b < n; b++) {
                if (weights[a][b] == 0) {
                    continue;
                }
                double p = dot(pa, softmax(novel1[b]));
                double y = targets[a][b];
                num += weights[a][b] * -(y * Math.log(p + 1e-7) + (1 - y) * Math.log(1 - p + 1e-7));
                den += weights[a][b];
            }
        }
        return num / Math.max(den, 1);
    }

    /** Mean over the elements of (softmax(a) − softmax(b))². */
    static double softmaxMse(double[][] a, double[][] b) {
        double s = 0;
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            double[] pa = softmax(a[i]);
            double[] pb = softmax(b[i]);
            for (int j = 0; j < pa.length; j++) {
                s += (pa[j] - pb[j]) * (pa[j] - pb[j]);
                count++;
            }
        }
        return s / count;
    }

    /** L_mse: both heads, each a mean over its elements. */
    static double consistencyMse(double[][] known1, double[][] known2, double[][] novel1, double[][] novel2) {
        return softmaxMse(known1, known2) + softmaxMse(novel1, novel2);
    }

    /** The balance term −H(p̄) = Σ_c p̄_c log(p̄_c + 1e-8), p̄ the row mean of softmax(logits). */
    static double negativeMeanEntropy(double[][] logits) {
        double[] mean = new double[logits[0].length];
        for (double[] row : logits) {
            double[] p = softmax(row);
            for (int c = 0; c < p.length; c++) {
                mean[c] += p[c] / logits.length;
            }
        }
        double s = 0;
        for (double p : mean) {
            s += p * Math.log(p + 1e-8);
        }
        return s;
    }

    /** Indices of {@code values} by decreasing value, ties by the lower index (a stable sort). */
    static Integer[] descending(double[] values) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -values[i]));
        return idx;
    }

    /** Indices of {@code values} by increasing value, ties by the lower index (a stable sort). */
    static Integer[] ascending(double[] values) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> values[i]));
        return idx;
    }

    /** NCL's soft targets: the k largest columns get (1−α)/k, then column 0 is set to α. */
    static double[][] nclTargets(double[][] logits, int topK, double alpha) {
        double[][] t = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            t[i] = new double[logits[i].length];
            boolean[] taken = new boolean[logits[i].length];
            for (int k = 0; k < topK; k++) {
                int best = -1;
                for (int j = 0; j < logits[i].length; j++) {
                    if (!taken[j] && (best < 0 || logits[i][j] > logits[i][best])) {
                        best = j;
                    }
                }
                taken[best] = true;
                t[i][best] = (1 - alpha) / topK;
            }
            t[i][0] = alpha;
        }
        return t;
    }

    /** L_scl's targets: column 0 and the same-label queue entries, uniform. */
    static double[][] sclTargets(int[] anchors, int[] queueLabels) {
        double[][] t = new double[anchors.length][1 + queueLabels.length];
        for (int i = 0; i < anchors.length; i++) {
            List<Integer> positives = new ArrayList<>();
            positives.add(0);
            for (int j = 0; j < queueLabels.length; j++) {
                if (queueLabels[j] >= 0 && queueLabels[j] == anchors[i]) {
                    positives.add(1 + j);
                }
            }
            for (int c : positives) {
                t[i][c] = 1.0 / positives.size();
            }
        }
        return t;
    }

    /** [q_i·k_i, q_i·M_j] / τ for every row i and queue entry j. */
    static double[][] contrastLogits(double[][] q, double[][] k, double[][] memory, double tau) {
        double[][] logits = new double[q.length][1 + memory.length];
        for (int i = 0; i < q.length; i++) {
            logits[i][0] = dot(q[i], k[i]) / tau;
            for (int j = 0; j < memory.length; j++) {
                logits[i][1 + j] = dot(q[i], memory[j]) / tau;
            }
        }
        return logits;
    }

    // ---- pairwise pseudo-labels ----------------------------------------------------------------

    /** Targets [0] and weights [1] of the cosine rule: y = 1 iff cos ≥ λ or a = b; every pair used. */
    static double[][][] cosineLabels(double[][] f, double lambda) {
        int n = f.length;
        double[][] t = new double[n][n];
        double[][] w = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                t[a][b] = a == b || cosine(f[a], f[b]) >= lambda ? 1 : 0;
                w[a][b] = 1;
            }
        }
        return new double[][][] {t, w};
    }

    /**
     * The adaptive rule by brute force: the neighbours of a are the other rows by decreasing cosine
     * (ties: lower index); m = max(1, ceil(ρ·n/C_u)), s = ceil(n/C_u); positive iff each is in the
     * other's first m; negative iff neither is in the other's first s; otherwise weight 0; a = b positive.
     */
    static double[][][] adaptiveLabels(double[][] f, int numNovel, double fraction) {
        int n = f.length;
        int m = Math.max(1, (int) Math.ceil(fraction * n / numNovel));
        int s = (int) Math.ceil((double) n / numNovel);
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            double[] sim = new double[n];
            for (int b = 0; b < n; b++) {
                sim[b] = cosine(f[a], f[b]);
            }
            List<Integer> order = new ArrayList<>();
            for (int b : descending(sim)) {
                if (b != a) {
                    order.add(b);
                }
            }
            neighbours.add(order);
        }
        double[][] t = new double[n][n];
        double[][] w = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                boolean bNearA =
                        neighbours.get(a).subList(0, Math.min(m, n - 1)).contains(b);
                boolean aNearB =
                        neighbours.get(b).subList(0, Math.min(m, n - 1)).contains(a);
                boolean bInClassOfA =
                        neighbours.get(a).subList(0, Math.min(s, n - 1)).contains(b);
                boolean aInClassOfB =
                        neighbours.get(b).subList(0, Math.min(s, n - 1)).contains(a);
                if (a == b || (bNearA && aNearB)) {
                    t[a][b] = 1;
                    w[a][b] = 1;
                } else if (!bInClassOfA && !aInClassOfB) {
                    w[a][b] = 1;
                }
            }
        }
        return new double[][][] {t, w};
    }

    // ---- hard negative generation -------------------------------------------------------------

    /** What the reference selected: the similarities (descending) and Σ ζ over the kept candidates per row. */
    record HardNegatives(double[][] similarities, double[][] zetaSums) {}

    /**
     * For each row: the n least similar unlabeled entries (ascending q·e, ties by lower index); for each
     * round, each μ, each easy entry e in that order, one draw li = random.nextInt(kl); ζ normalised;
     * keep the {@code kept} largest q·ζ (ties by lower candidate index).
     */
    static HardNegatives hardNegatives(
            double[][] q,
            double[][] mu,
            double[][] ml,
            int easy,
            int rounds,
            double[] mixing,
            int kept,
            SplittableRandom random) {
        int n = Math.min(easy, mu.length);
        double[][] sims = new double[q.length][];
        double[][] sums = new double[q.length][q[0].length];
        for (int r = 0; r < q.length; r++) {
            double[] toQueue = new double[mu.length];
            for (int j = 0; j < mu.length; j++) {
                toQueue[j] = DoubleRef.dot(q[r], mu[j]);
            }
            Integer[] byEase = DoubleRef.ascending(toQueue);
            List<double[]> zetas = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (double mix : mixing) {
                    for (int e = 0; e < n; e++) {
                        int li = random.nextInt(ml.length);
                        double[] zeta = new double[q[0].length];
                        for (int k = 0; k < zeta.length; k++) {
                            zeta[k] = mix * mu[byEase[e]][k] + (1 - mix) * ml[li][k];
                        }
                        zetas.add(DoubleRef.normalize(zeta));
                    }
                }
            }
            double[] candidate = new double[zetas.size()];
            for (int c = 0; c < candidate.length; c++) {
                candidate[c] = DoubleRef.dot(q[r], zetas.get(c));
            }
            Integer[] order = DoubleRef.descending(candidate);
            int keep = Math.min(kept, candidate.length);
            sims[r] = new double[keep];
            for (int k = 0; k < keep; k++) {
                sims[r][k] = candidate[order[k]];
                double[] zeta = zetas.get(order[k]);
                for (int j = 0; j < zeta.length; j++) {
                    sums[r][j] += zeta[j];
                }
            }
        }
        return new HardNegatives(sims, sums);
    }

    // ---- gradients and assertions ---------------------------------------------------------------

    /** Central finite differences of {@code f} at {@code x} (step h), in double. */
    static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        double[] g = new double[x.length];
        double[] y = x.clone();
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + h;
            double up = f.applyAsDouble(y);
            y[i] = x[i] - h;
            double down = f.applyAsDouble(y);
            y[i] = x[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /** |actual − expected| ≤ rel·|expected| + abs. */
    static void assertClose(double expected, double actual, double rel, double abs, String what) {
        assertTrue(
                Math.abs(actual - expected) <= rel * Math.abs(expected) + abs,
                what + ": expected " + expected + " but was " + actual);
    }

    /** Element-wise {@link #assertClose}. */
    static void assertAllClose(double[] expected, float[] actual, double rel, double abs, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], rel, abs, what + "[" + i + "]");
        }
    }

    static double[] flatten(double[][] m) {
        int cols = m[0].length;
        double[] out = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * cols, cols);
        }
        return out;
    }
}
