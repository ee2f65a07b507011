// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/**
 * The contrastive objectives that the loss package builds, selected by name in
 * {@link NclOptions} ({@code pretrainObjective}, {@code unlabeledObjective}, {@code labeledObjective}).
 * Each strategy fixes the estimator of the loss and where extra (synthetic) negatives come from; the
 * positives are fixed by the site that uses it (the other view in pretraining, the view plus NCL's top-k
 * neighbourhood in L_ncl, the view plus same-label queue entries in L_scl). All operate on L2-normalised
 * embeddings z with temperature t; pos = exp(z·z⁺/t), neg_j = exp(z·z_j/t), N negatives.
 */
public enum ContrastiveStrategy {
    /**
     * InfoNCE (van den Oord, Li, Vinyals, "Representation Learning with Contrastive Predictive Coding", 2018;
     * SimCLR's NT-Xent, Chen et al., ICML 2020): L = −log pos / (pos + Σ neg), the other view the only positive.
     * In L_ncl it drops NCL's neighbourhood (only the view is positive, no hard negatives).
     */
    INFONCE(true, true, true),
    /**
     * Supervised contrastive learning (Khosla et al., "Supervised Contrastive Learning", NeurIPS 2020):
     * L = −mean_i (1/|P(i)|) Σ_{p∈P(i)} log exp(z_i·z_p/t) / Σ_{a≠i} exp(z_i·z_a/t) with P(i) every sample of
     * the anchor's label (authors' t = 0.07). Default of L_scl (positives: the view and the same-label entries of
     * M_l); in pretraining the labels of the labeled rows, in L_ncl the view and the top-k pseudo-positives,
     * each with uniform weight. Without labels it equals {@link #INFONCE}.
     */
    SUPCON(true, true, true),
    /**
     * NCL's neighbourhood contrastive loss (Zhong et al., CVPR 2021, section 3.2): soft targets α on the view
     * and (1−α)/k on the top-k neighbours in M_u; hard negative generation ({@link #HNG}) when the option
     * {@code hardNegatives} is on. The default of L_ncl, exactly the behaviour before this option existed.
     */
    NCL(false, true, false),
    /**
     * NCL's hard negative generation (Zhong et al., CVPR 2021, section 3.3) always on: NCL's targets plus the
     * hardest of the mixtures of the easiest unlabeled negatives with labeled-queue features, appended with
     * target 0 (from {@code hngStartEpoch}). Unlike MoCHi it mixes the easiest negatives with true negatives.
     */
    HNG(false, true, false),
    /**
     * Debiased contrastive learning (Chuang, Robinson, Lin, Torralba, Jegelka, NeurIPS 2020): with class prior
     * τ⁺ ({@code debiasTauPlus}, 0.1), Ng = max((−τ⁺·N·pos + Σ neg)/(1 − τ⁺), N·e^{−1/t});
     * L = −log pos / (pos + Ng), averaged over the positives with their target weights (authors' t = 0.5).
     */
    DCL(true, true, true),
    /**
     * Hard negative reweighting (Robinson, Chuang, Sra, Jegelka, "Contrastive Learning with Hard Negative
     * Samples", ICLR 2021): imp = neg^β ({@code hardnessBeta}, 1), Σ neg in DCL's Ng replaced by
     * N·Σ(imp·neg)/Σ imp (authors' τ⁺ = 0.1, t = 0.5).
     */
    HCL(true, true, true),
    /**
     * SSCL, sampling synthetic hard negative samples for contrastive learning (seed 001): the s
     * ({@code ssclHardest}, 64) hardest negatives are mixed pairwise, h = normalise(a·n_i + (1−a)·n_j) with
     * a ~ U({@code ssclMixing}), detached; k ({@code ssclSynthetic}, 32) of 2k candidates are drawn with
     * probability ∝ exp(c·z·h/t) (contrast control c = {@code ssclContrast}; 0 = uniform, large = hardest)
     * and join the negatives; the loss is HCL's reweighting with DCL's debiasing over real and synthetic
     * negatives (authors' snapshot: s = 64, k = 32, t = 0.5, τ⁺ = 0.1, β = 1).
     */
    SSCL(true, true, true),
    /**
     * MoCHi, hard negative mixing (Kalantidis, Sariyildiz, Pion, Weinzaepfel, Larlus, NeurIPS 2020): among the
     * N ({@code mochiHardest}, 1024) hardest negatives, s ({@code mochiSynthetic}, 1024) pairwise mixtures
     * with α ~ U(0, 1) and s' ({@code mochiQueryMixes}, 128) mixtures with the query, β ~ U(0, 0.5), each
     * L2-normalised and detached, appended to the logits with target 0 (InfoNCE over the extended set).
     */
    MOCHI(true, true, true);

    private final boolean pretraining;
    private final boolean unlabeled;
    private final boolean labeled;

    ContrastiveStrategy(boolean pretraining, boolean unlabeled, boolean labeled) {
        this.pretraining = pretraining;
        this.unlabeled = unlabeled;
        this.labeled = labeled;
    }

    /** Whether the strategy can serve {@code site} (NCL and HNG need NCL's two queues, so only L_ncl). */
    public boolean supports(ContrastiveSite site) {
        return switch (site) {
            case PRETRAIN -> pretraining;
            case UNLABELED -> unlabeled;
            case LABELED -> labeled;
        };
    }

    /** Whether the loss is the soft-target cross-entropy (InfoNCE form) rather than DCL's debiased estimator. */
    public boolean softTargetEstimator() {
        return this != DCL && this != HCL && this != SSCL;
    }
}
