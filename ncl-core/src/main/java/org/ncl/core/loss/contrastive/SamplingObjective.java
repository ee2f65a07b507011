// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.tensor.Scalars;

/**
 * A {@link ContrastiveObjective} in three steps: false-negative handling ({@link FalseNegatives}), synthetic
 * negatives appended with target 0 ({@link NegativeSynthesis}, optional), then the estimator
 * ({@link Estimators#softTarget} or DCL/HCL's {@link Estimators#debiased}). With no false-negative handling, no
 * synthesis and the soft-target estimator it is exactly the soft cross-entropy of NCL (Zhong et al., CVPR 2021).
 */
final class SamplingObjective implements ContrastiveObjective {

    private final ContrastiveStrategy strategy;
    private final FalseNegatives falseNegatives;
    private final NegativeSynthesis synthesis;
    private final boolean debiased;
    private final double tauPlus;
    private final double beta;

    SamplingObjective(
            ContrastiveStrategy strategy,
            FalseNegatives falseNegatives,
            NegativeSynthesis synthesis,
            boolean debiased,
            double tauPlus,
            double beta) {
        this.strategy = strategy;
        this.falseNegatives = falseNegatives;
        this.synthesis = synthesis;
        this.debiased = debiased;
        this.tauPlus = tauPlus;
        this.beta = beta;
    }

    @Override
    public ContrastiveStrategy strategy() {
        return strategy;
    }

    @Override
    public NDArray loss(NDManager m, ContrastProblem problem) {
        ContrastProblem p = falseNegatives.apply(problem);
        NDArray logits = p.logits();
        float[] targets = p.targets();
        boolean[] excluded = p.excluded();
        NDArray extra = synthesis == null ? null : synthesis.similarities(m, p);
        if (extra != null) {
            int rows = p.rows();
            int cols = p.columns();
            int k = (int) extra.getShape().get(1);
            logits = logits.concat(extra.div(Scalars.of(m, p.temperature())), 1);
            float[] t = new float[rows * (cols + k)];
            boolean[] e = excluded == null ? null : new boolean[rows * (cols + k)];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(targets, r * cols, t, r * (cols + k), cols);
                if (e != null) {
                    System.arraycopy(excluded, r * cols, e, r * (cols + k), cols);
                }
            }
            targets = t;
            excluded = e;
        }
        return debiased
                ? Estimators.debiased(m, logits, targets, excluded, tauPlus, beta, p.temperature())
                : Estimators.softTarget(m, logits, targets, excluded);
    }
}
