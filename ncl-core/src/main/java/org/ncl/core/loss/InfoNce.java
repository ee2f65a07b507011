// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ncl.core.loss.contrastive.ContrastProblem;
import org.ncl.core.loss.contrastive.ContrastiveObjective;
import org.ncl.core.loss.contrastive.ContrastiveTargets;
import org.ncl.core.loss.contrastive.Estimators;
import org.ncl.core.tensor.Scalars;

/**
 * InfoNCE over two views of a batch (SimCLR's NT-Xent; Chen et al., ICML 2020; van den Oord et al.
 * 2018): rows i and i+B are the two views of one sample, every other row of the 2B is a negative.
 * L = −mean_i log exp(z_i·z_p(i)/t) / Σ_{a≠i} exp(z_i·z_a/t). Used by the self-supervised stage of NCL
 * on tables and, by default, images (the paper pretrains images with RotNet's rotation prediction, Gidaris et al.,
 * ICLR 2018, an easy pretext on centred images such as Fashion-MNIST's).
 * {@link #twoViewProblem} states the same batch as a {@link ContrastProblem}, so that any
 * {@link ContrastiveObjective} (SupCon, DCL, HCL, SSCL, MoCHi, false-negative handling) can pretrain.
 */
public final class InfoNce {

    private InfoNce() {}

    /** The loss for 2B L2-normalised rows {@code z} (views stacked: first B rows view 1). */
    public static NDArray twoViewLoss(NDManager m, NDArray z, double temperature) {
        ContrastProblem p = twoViewProblem(m, z, temperature, null, 0);
        return Estimators.softTarget(m, p.logits(), p.targets(), p.excluded());
    }

    /**
     * The two-view batch as a contrastive problem: logits z·zᵀ/t, self-similarities left out, the partner view
     * a positive, and with {@code labels} (length B, −1 = unlabeled; null = none) every same-label row too
     * (SupCon); the bank is the detached z (offset 0).
     */
    public static ContrastProblem twoViewProblem(NDManager m, NDArray z, double temperature, int[] labels, int epoch) {
        int n = (int) z.getShape().get(0);
        NDArray logits = z.matMul(z.transpose()).div(Scalars.of(m, temperature));
        return new ContrastProblem(
                z,
                logits,
                ContrastiveTargets.twoView(n, labels),
                ContrastiveTargets.diagonal(n),
                z.stopGradient().toFloatArray(),
                0,
                temperature,
                epoch);
    }

    /** The two-view loss under {@code objective}. */
    public static NDArray twoViewLoss(
            NDManager m, NDArray z, double temperature, ContrastiveObjective objective, int[] labels, int epoch) {
        return objective.loss(m, twoViewProblem(m, z, temperature, labels, epoch));
    }
}
