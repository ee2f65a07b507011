// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ncl.core.tensor.Scalars;

/**
 * The two loss estimators of the family, on logits l = s/t (rows × cols, with gradient), soft targets w and
 * the entries left out of the denominator.
 * <ul>
 * <li>{@link #softTarget}: mean_i −Σ_j w_ij log softmax(l_i)_j over the included entries: InfoNCE when w is
 *     one-hot, SupCon (Khosla et al., NeurIPS 2020) when w is uniform over the positives, NCL's L_ncl and
 *     L_scl (Zhong et al., CVPR 2021) with their soft targets.</li>
 * <li>{@link #debiased}: DCL (Chuang et al., NeurIPS 2020) and, with β &gt; 0, HCL (Robinson et al., ICLR
 *     2021): for every positive p of anchor i, with N_i negatives (included entries with target 0),
 *     Ng = max((−τ⁺·N_i·pos_p + R_i)/(1 − τ⁺), N_i·e^{−1/t}), R_i = Σ neg (β = 0) or N_i·Σ(imp·neg)/Σ imp with
 *     imp = neg^β; L_i = Σ_p w_ip [−log pos_p + log(pos_p + Ng)]. Computed with a detached per-row shift
 *     c_i = max_j l_ij (every exp is exp(l − c), the clamp N_i·e^{−1/t − c_i}), which leaves the loss unchanged
 *     and keeps the exponentials finite at small temperatures.</li>
 * </ul>
 */
public final class Estimators {

    /** The additive mask for left-out entries. */
    static final float EXCLUDED_LOGIT = -1e9f;

    private Estimators() {}

    /** Soft-target cross-entropy; left-out entries get {@value #EXCLUDED_LOGIT} added to their logits. */
    public static NDArray softTarget(NDManager m, NDArray logits, float[] targets, boolean[] excluded) {
        Shape shape = logits.getShape();
        NDArray l = excluded == null ? logits : logits.add(m.create(additiveMask(excluded), shape));
        return softCrossEntropy(l, m.create(targets, shape));
    }

    /** mean_i −Σ_j t_ij log softmax(logits)_ij: the soft-target cross-entropy without left-out entries. */
    public static NDArray softCrossEntropy(NDArray logits, NDArray targets) {
        return logits.logSoftmax(1).mul(targets).sum(new int[] {1}).mean().neg();
    }

    /**
     * DCL (β = 0) or HCL (β &gt; 0) with class prior τ⁺ and temperature t; see the class comment.
     *
     * @throws IllegalArgumentException if τ⁺ is not in [0, 1) or β &lt; 0
     */
    public static NDArray debiased(
            NDManager m,
            NDArray logits,
            float[] targets,
            boolean[] excluded,
            double tauPlus,
            double beta,
            double temperature) {
        if (!(tauPlus >= 0 && tauPlus < 1)) {
            throw new IllegalArgumentException("tau+ must be in [0, 1), got " + tauPlus);
        }
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        }
        Shape shape = logits.getShape();
        int rows = (int) shape.get(0);
        int cols = (int) shape.get(1);
        float[] neg = new float[rows * cols];
        float[] notPositive = new float[rows * cols];
        float[] count = new float[rows];
        float[] emptyRow = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                boolean in = excluded == null || !excluded[i];
                if (in && targets[i] == 0f) {
                    neg[i] = 1f;
                    count[r]++;
                }
                notPositive[i] = targets[i] > 0f ? 0f : 1f;
            }
            emptyRow[r] = count[r] == 0 ? 1f : 0f;
        }
        Shape column = new Shape(rows, 1);
        NDArray negMask = m.create(neg, shape);
        NDArray n = m.create(count, column);
        NDArray masked = excluded == null ? logits : logits.add(m.create(additiveMask(excluded), shape));
        NDArray shift = masked.max(new int[] {1}, true).stopGradient();
        NDArray shifted = logits.sub(shift);
        NDArray e = shifted.exp();
        NDArray negSum;
        if (beta > 0) {
            NDArray imp = shifted.mul(Scalars.of(m, beta)).exp().mul(negMask);
            NDArray impSum = imp.sum(new int[] {1}, true).add(m.create(emptyRow, column));
            negSum = imp.mul(e).sum(new int[] {1}, true).div(impSum).mul(n);
        } else {
            negSum = e.mul(negMask).sum(new int[] {1}, true);
        }
        NDArray clamp = Scalars.of(m, -1.0 / temperature).sub(shift).exp().mul(n);
        NDArray ng = negSum.sub(e.mul(n).mul(Scalars.of(m, tauPlus)))
                .div(Scalars.of(m, 1 - tauPlus))
                .maximum(clamp);
        NDArray perEntry =
                shifted.neg().add(e.add(ng).add(m.create(notPositive, shape)).log());
        return perEntry.mul(m.create(targets, shape)).sum(new int[] {1}).mean();
    }

    static float[] additiveMask(boolean[] excluded) {
        float[] mask = new float[excluded.length];
        for (int i = 0; i < excluded.length; i++) {
            if (excluded[i]) {
                mask[i] = EXCLUDED_LOGIT;
            }
        }
        return mask;
    }
}
