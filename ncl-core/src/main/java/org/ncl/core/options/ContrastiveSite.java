// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/**
 * Where a contrastive objective (org.ncl.core.loss.contrastive) is used; the site fixes the positives (Zhong et al., "Neighborhood
 * Contrastive Learning for Novel Class Discovery", CVPR 2021, sections 3.1-3.3).
 */
public enum ContrastiveSite {
    /** Self-supervised pretraining: two views of a batch, every other row a negative. Option {@code pretrainObjective}. */
    PRETRAIN("pretrainObjective"),
    /** L_ncl: unlabeled queries against their second view and the unlabeled queue M_u. Option {@code unlabeledObjective}. */
    UNLABELED("unlabeledObjective"),
    /** L_scl: labeled queries against their second view and the labeled queue M_l. Option {@code labeledObjective}. */
    LABELED("labeledObjective");

    private final String option;

    ContrastiveSite(String option) {
        this.option = option;
    }

    /** The name of the option that selects the strategy for this site. */
    public String option() {
        return option;
    }
}
