// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ncl.core.tensor.Ranking;
import org.ncl.core.tensor.Scalars;

/**
 * NCL's hard negative generation (Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning for
 * Novel Class Discovery", CVPR 2021, section 3.3): synthetic negatives for L_ncl, mixed from the easiest
 * negatives of the unlabeled queue M_u and entries of the labeled queue M_l (true negatives of a novel row).
 * Used through {@link NegativeSynthesis#hng}.
 */
public final class HardNegativeGeneration {

    private HardNegativeGeneration() {}

    /**
     * Hard negative generation, batched. For each query q: the n least similar
     * entries e of M_u (easy negatives) are mixed with random labeled-queue entries l,
     * ζ = μ·e + (1−μ)·l for every μ and round, L2-normalised and detached; the {@code kept} most similar
     * to q are returned as similarities q·ζ (rows × kept, with gradient through q, not yet divided by τ).
     *
     * <p>Because ζ is detached, q·ζ = (μ q·e + (1−μ) q·l) / ||μe + (1−μ)l|| exactly, with
     * ||μe+(1−μ)l||² = μ²||e||² + (1−μ)²||l||² + 2μ(1−μ) e·l; so the candidates are never
     * materialised: the similarities are gathered from q·M_uᵀ and q·M_lᵀ.
     */
    public static NDArray similarities(
            NDManager m,
            NDArray q,
            MemoryQueue unlabeled,
            MemoryQueue labeled,
            int easy,
            int rounds,
            double[] mixing,
            int kept,
            SplittableRandom random) {
        int rows = (int) q.getShape().get(0);
        int d = unlabeled.dim();
        int ku = unlabeled.size();
        int kl = labeled.size();
        NDArray su = q.matMul(m.create(unlabeled.data(), new Shape(ku, d)).transpose());
        NDArray sl = q.matMul(m.create(labeled.data(), new Shape(kl, d)).transpose());
        float[] suv = su.stopGradient().toFloatArray();
        float[] slv = sl.stopGradient().toFloatArray();
        float[] nu = unlabeled.squaredNorms();
        float[] nl = labeled.squaredNorms();
        float[] mu = unlabeled.data();
        float[] ml = labeled.data();
        int n = Math.min(easy, ku);
        int candidates = rounds * mixing.length * n;
        int keep = Math.min(kept, candidates);

        long[] eIdx = new long[rows * keep];
        long[] lIdx = new long[rows * keep];
        float[] muOut = new float[rows * keep];
        float[] invNorm = new float[rows * keep];
        int[] ce = new int[candidates];
        int[] cl = new int[candidates];
        double[] cmu = new double[candidates];
        double[] cinv = new double[candidates];
        float[] csim = new float[candidates];
        for (int r = 0; r < rows; r++) {
            int row = r;
            int[] byEase = Ranking.ascending(suv, row * ku, ku);
            int c = 0;
            for (int round = 0; round < rounds; round++) {
                for (double mix : mixing) {
                    for (int e = 0; e < n; e++) {
                        int ei = byEase[e];
                        int li = random.nextInt(kl);
                        double dot = 0;
                        for (int k = 0; k < d; k++) {
                            dot += (double) mu[ei * d + k] * ml[li * d + k];
                        }
                        double sq = mix * mix * nu[ei] + (1 - mix) * (1 - mix) * nl[li] + 2 * mix * (1 - mix) * dot;
                        double inv = 1.0 / Math.max(Math.sqrt(Math.max(sq, 0)), 1e-12);
                        ce[c] = ei;
                        cl[c] = li;
                        cmu[c] = mix;
                        cinv[c] = inv;
                        csim[c] = (float) ((mix * suv[row * ku + ei] + (1 - mix) * slv[row * kl + li]) * inv);
                        c++;
                    }
                }
            }
            int[] order = Ranking.descending(csim, 0, candidates);
            for (int k = 0; k < keep; k++) {
                int sel = order[k];
                eIdx[r * keep + k] = ce[sel];
                lIdx[r * keep + k] = cl[sel];
                muOut[r * keep + k] = (float) cmu[sel];
                invNorm[r * keep + k] = (float) cinv[sel];
            }
        }
        Shape shape = new Shape(rows, keep);
        NDArray muArr = m.create(muOut, shape);
        NDArray fromU = su.gather(m.create(eIdx, shape), 1).mul(muArr);
        NDArray fromL = sl.gather(m.create(lIdx, shape), 1).mul(Scalars.of(m, 1).sub(muArr));
        return fromU.add(fromL).mul(m.create(invNorm, shape));
    }
}
