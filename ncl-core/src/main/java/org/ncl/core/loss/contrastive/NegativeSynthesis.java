// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/**
 * Where a strategy's extra negatives come from: rows × K similarities q·h (not divided by t, gradient through
 * q only, h detached and L2-normalised), appended to the logits with target 0; null when there are none for
 * this batch.
 */
public interface NegativeSynthesis {

    /** The synthetic negatives' similarities for this problem, or null. */
    NDArray similarities(NDManager manager, ContrastProblem problem);

    /** SSCL (seed 001): see {@link NegativeMixing#ssclPlan}. */
    static NegativeSynthesis sscl(
            int hardest, int synthetic, double mixLow, double mixHigh, double contrast, SplittableRandom random) {
        return (m, p) -> NegativeMixing.similarities(
                m, p, NegativeMixing.ssclPlan(m, p, hardest, synthetic, mixLow, mixHigh, contrast, random));
    }

    /** MoCHi (Kalantidis et al., NeurIPS 2020): see {@link NegativeMixing#mochiPlan}. */
    static NegativeSynthesis mochi(int hardest, int pairMixes, int queryMixes, SplittableRandom random) {
        return (m, p) -> NegativeMixing.similarities(
                m, p, NegativeMixing.mochiPlan(m, p, hardest, pairMixes, queryMixes, random));
    }

    /**
     * NCL's hard negative generation (Zhong et al., CVPR 2021, section 3.3) from the unlabeled queue (easy
     * negatives) and the labeled queue (true negatives), from epoch {@code startEpoch}:
     * {@link HardNegativeGeneration#similarities}.
     */
    static NegativeSynthesis hng(
            MemoryQueue unlabeled,
            MemoryQueue labeled,
            int startEpoch,
            int easy,
            int rounds,
            double[] mixing,
            int kept,
            SplittableRandom random) {
        double[] mix = mixing.clone();
        return (m, p) -> p.epoch() < startEpoch
                ? null
                : HardNegativeGeneration.similarities(
                        m, p.anchors(), unlabeled, labeled, easy, rounds, mix, kept, random);
    }
}
