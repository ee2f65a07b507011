package org.ncl.core.loss.contrastive;

import java.util.SplittableRandom;
import org.ncl.core.NclOptions;

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

    private ContrastiveObjectives() {
    }

    /** The strategy the options select for {@code site}. */
    public static ContrastiveStrategy strategy(NclOptions o, ContrastiveSite site) {
        return switch (site) {
            case PRETRAIN -> o.pretrainObjective();
            case UNLABELED -> o.unlabeledObjective();
            case LABELED -> o.labeledObjective();
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
    public static ContrastiveObjective create(NclOptions o, ContrastiveSite site, SplittableRandom random,
                                              MemoryQueue unlabeled, MemoryQueue labeled) {
        ContrastiveStrategy s = strategy(o, site);
        if (!s.supports(site)) {
            throw new IllegalArgumentException("option '" + site.option() + "' = " + s + " is not available there");
        }
        FalseNegatives fn = site == ContrastiveSite.LABELED ? FalseNegatives.NONE
                : new FalseNegatives(o.falseNegatives(), o.falseNegativeTopK(), o.falseNegativeThreshold());
        NegativeSynthesis synthesis = switch (s) {
            case SSCL -> NegativeSynthesis.sscl(o.ssclHardest(), o.ssclSynthetic(), o.ssclMixing()[0], o.ssclMixing()[1],
                    o.ssclContrast(), random);
            case MOCHI -> NegativeSynthesis.mochi(o.mochiHardest(), o.mochiSynthetic(), o.mochiQueryMixes(), random);
            case HNG -> hng(o, random, unlabeled, labeled);
            case NCL -> o.hardNegatives() ? hng(o, random, unlabeled, labeled) : null;
            default -> null;
        };
        boolean debiased = !s.softTargetEstimator();
        double beta = s == ContrastiveStrategy.DCL ? 0 : o.hardnessBeta();
        return new SamplingObjective(s, fn, synthesis, debiased, o.debiasTauPlus(), beta);
    }

    private static NegativeSynthesis hng(NclOptions o, SplittableRandom random, MemoryQueue unlabeled, MemoryQueue labeled) {
        if (unlabeled == null || labeled == null) {
            throw new IllegalArgumentException("hard negative generation needs the unlabeled and the labeled queue");
        }
        return NegativeSynthesis.hng(unlabeled, labeled, o.hngStartEpoch(), o.effectiveHngEasyNegatives(), o.hngRounds(),
                o.hngMixing(), o.hngKept(), random);
    }
}
