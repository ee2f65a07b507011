// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import static org.ncl.core.options.NclOptions.DEBIAS_TAU_PLUS;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVES;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVE_THRESHOLD;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVE_TOP_K;
import static org.ncl.core.options.NclOptions.HARDNESS_BETA;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_KEPT;
import static org.ncl.core.options.NclOptions.HNG_MIXING;
import static org.ncl.core.options.NclOptions.HNG_ROUNDS;
import static org.ncl.core.options.NclOptions.HNG_START_EPOCH;
import static org.ncl.core.options.NclOptions.LABELED_OBJECTIVE;
import static org.ncl.core.options.NclOptions.MOCHI_HARDEST;
import static org.ncl.core.options.NclOptions.MOCHI_QUERY_MIXES;
import static org.ncl.core.options.NclOptions.MOCHI_SYNTHETIC;
import static org.ncl.core.options.NclOptions.PRETRAIN_OBJECTIVE;
import static org.ncl.core.options.NclOptions.SSCL_CONTRAST;
import static org.ncl.core.options.NclOptions.SSCL_HARDEST;
import static org.ncl.core.options.NclOptions.SSCL_MIXING;
import static org.ncl.core.options.NclOptions.SSCL_SYNTHETIC;
import static org.ncl.core.options.NclOptions.UNLABELED_OBJECTIVE;

import java.util.SplittableRandom;
import org.ncl.core.options.ContrastiveSite;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.NclOptions;

/**
 * Builds the {@link ContrastiveObjective} of a site from the options, so NCL's L_ncl, L_scl and the
 * pretraining stage all go through the same code (Zhong et al., "Neighborhood Contrastive Learning for Novel
 * Class Discovery", CVPR 2021, and the strategies of {@link ContrastiveStrategy}).
 * <ul>
 * <li>Estimator: DCL (τ⁺ = {@code debiasTauPlus}), HCL and SSCL (also β = {@code hardnessBeta}) use
 *     {@link Estimators#debiased}; the others the soft-target cross-entropy.</li>
 * <li>Synthetic negatives: SSCL and MoCHi from the site's own candidates; HNG (and NCL when
 *     {@code hardNegatives} is on) from NCL's two queues.</li>
 * <li>False negatives ({@code falseNegatives}): in pretraining and L_ncl; never in L_scl, whose negatives
 *     carry other labels and are true negatives.</li>
 * </ul>
 */
public final class ContrastiveObjectives {

    private ContrastiveObjectives() {}

    /** The strategy the options select for {@code site}. */
    public static ContrastiveStrategy strategy(NclOptions o, ContrastiveSite site) {
        return switch (site) {
            case PRETRAIN -> o.get(PRETRAIN_OBJECTIVE);
            case UNLABELED -> o.get(UNLABELED_OBJECTIVE);
            case LABELED -> o.get(LABELED_OBJECTIVE);
        };
    }

    /**
     * The objective of {@code site}.
     *
     * @param random the source of synthetic-negative draws (the training's random source, so runs are repeatable)
     * @param unlabeled M_u (needed by NCL with hard negatives and HNG; otherwise may be null)
     * @param labeled M_l (likewise)
     * @throws IllegalArgumentException if the strategy cannot serve the site or a needed queue is missing
     */
    public static ContrastiveObjective create(
            NclOptions o, ContrastiveSite site, SplittableRandom random, MemoryQueue unlabeled, MemoryQueue labeled) {
        ContrastiveStrategy s = strategy(o, site);
        if (!s.supports(site)) {
            throw new IllegalArgumentException("option '" + site.option() + "' = " + s + " is not available there");
        }
        FalseNegatives fn = site == ContrastiveSite.LABELED
                ? FalseNegatives.NONE
                : new FalseNegatives(
                        o.get(FALSE_NEGATIVES), o.get(FALSE_NEGATIVE_TOP_K), o.get(FALSE_NEGATIVE_THRESHOLD));
        NegativeSynthesis synthesis = switch (s) {
            case SSCL ->
                NegativeSynthesis.sscl(
                        o.get(SSCL_HARDEST),
                        o.get(SSCL_SYNTHETIC),
                        o.get(SSCL_MIXING).get(0),
                        o.get(SSCL_MIXING).get(1),
                        o.get(SSCL_CONTRAST),
                        random);
            case MOCHI ->
                NegativeSynthesis.mochi(o.get(MOCHI_HARDEST), o.get(MOCHI_SYNTHETIC), o.get(MOCHI_QUERY_MIXES), random);
            case HNG -> hng(o, random, unlabeled, labeled);
            case NCL -> o.get(HARD_NEGATIVES) ? hng(o, random, unlabeled, labeled) : null;
            default -> null;
        };
        boolean debiased = !s.softTargetEstimator();
        double beta = s == ContrastiveStrategy.DCL ? 0 : o.get(HARDNESS_BETA);
        return new SamplingObjective(s, fn, synthesis, debiased, o.get(DEBIAS_TAU_PLUS), beta);
    }

    private static NegativeSynthesis hng(
            NclOptions o, SplittableRandom random, MemoryQueue unlabeled, MemoryQueue labeled) {
        if (unlabeled == null || labeled == null) {
            throw new IllegalArgumentException("hard negative generation needs the unlabeled and the labeled queue");
        }
        return NegativeSynthesis.hng(
                unlabeled,
                labeled,
                o.get(HNG_START_EPOCH),
                o.effectiveHngEasyNegatives(),
                o.get(HNG_ROUNDS),
                o.get(HNG_MIXING).stream().mapToDouble(Double::doubleValue).toArray(),
                o.get(HNG_KEPT),
                random);
    }
}
