// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

/**
 * Double-precision reference computations of the contrastive-sampling family (InfoNCE, van den Oord et al. 2018;
 * SupCon, Khosla et al., NeurIPS 2020; DCL, Chuang et al., NeurIPS 2020; HCL, Robinson et al., ICLR 2021; MoCHi,
 * Kalantidis et al., NeurIPS 2020; false-negative handling, Huynh et al., WACV 2022), written
 * from the papers' formulas with plain loops: no NDArray, no shift, no shortcut. Rows are anchors, columns
 * candidates; {@code sims} are cosine similarities (not divided by t); {@code w} soft targets;
 * {@code excluded} entries are in no denominator.
 */
final class ContrastRef {

    private ContrastRef() {}

    static double[][] sims(double[][] q, double[][] c) {
        double[][] s = new double[q.length][c.length];
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < c.length; j++) {
                s[i][j] = DoubleRef.dot(q[i], c[j]);
            }
        }
        return s;
    }

    /** mean_i −Σ_j w_ij log (exp(s_ij/t) / Σ_{a included} exp(s_ia/t)). */
    static double softTarget(double[][] sims, double[][] w, boolean[][] excluded, double t) {
        double total = 0;
        for (int i = 0; i < sims.length; i++) {
            double denominator = 0;
            for (int a = 0; a < sims[i].length; a++) {
                if (excluded == null || !excluded[i][a]) {
                    denominator += Math.exp(sims[i][a] / t);
                }
            }
            for (int j = 0; j < sims[i].length; j++) {
                if (w[i][j] != 0) {
                    total -= w[i][j] * Math.log(Math.exp(sims[i][j] / t) / denominator);
                }
            }
        }
        return total / sims.length;
    }

    /**
     * DCL (β = 0; Chuang et al. 2020) or HCL (Robinson et al. 2021): negatives are included entries with
     * target 0; Ng = max((−τ⁺·N·pos + R)/(1 − τ⁺), N·e^{−1/t}) with R = Σ neg or N·Σ(neg^β·neg)/Σ neg^β;
     * L = mean_i Σ_p w_ip · −log(pos_p / (pos_p + Ng)).
     */
    static double debiased(double[][] sims, double[][] w, boolean[][] excluded, double tauPlus, double beta, double t) {
        double total = 0;
        for (int i = 0; i < sims.length; i++) {
            int n = 0;
            double sumNeg = 0;
            double sumImp = 0;
            double sumImpNeg = 0;
            for (int j = 0; j < sims[i].length; j++) {
                boolean in = excluded == null || !excluded[i][j];
                if (in && w[i][j] == 0) {
                    double neg = Math.exp(sims[i][j] / t);
                    double imp = Math.pow(neg, beta);
                    n++;
                    sumNeg += neg;
                    sumImp += imp;
                    sumImpNeg += imp * neg;
                }
            }
            double r = beta == 0 ? sumNeg : n * sumImpNeg / sumImp;
            for (int p = 0; p < sims[i].length; p++) {
                if (w[i][p] > 0) {
                    double pos = Math.exp(sims[i][p] / t);
                    double ng = Math.max((-tauPlus * n * pos + r) / (1 - tauPlus), n * Math.exp(-1 / t));
                    total += w[i][p] * -Math.log(pos / (pos + ng));
                }
            }
        }
        return total / sims.length;
    }

    /** Two views stacked (2B rows): the partner and, with labels, every same-label row, uniform weight. */
    static double[][] twoViewTargets(int n, int[] labels) {
        int b = n / 2;
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            java.util.List<Integer> pos = new java.util.ArrayList<>();
            for (int a = 0; a < n; a++) {
                boolean partner = a == (i + b) % n;
                boolean sameLabel = labels != null && labels[i % b] >= 0 && labels[a % b] == labels[i % b];
                if (a != i && (partner || sameLabel)) {
                    pos.add(a);
                }
            }
            for (int a : pos) {
                w[i][a] = 1.0 / pos.size();
            }
        }
        return w;
    }

    static boolean[][] diagonal(int n) {
        boolean[][] e = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            e[i][i] = true;
        }
        return e;
    }

    static float[] flatten(double[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                out[i * m[i].length + j] = (float) m[i][j];
            }
        }
        return out;
    }

    static boolean[] flatten(boolean[][] m) {
        boolean[] out = new boolean[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[i].length, m[i].length);
        }
        return out;
    }
}
