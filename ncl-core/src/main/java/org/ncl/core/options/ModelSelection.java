// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/** Which discovery epoch's weights the model keeps. */
public enum ModelSelection {
    /**
     * The last epoch (the reference, and the default: with the warm-up and cosine schedule, discovery
     * converges, and on Fashion-MNIST the last epoch scored at least as well as the label-free pick).
     */
    LAST,
    /**
     * The epoch with the best label-free score: cluster separation of the novel head's assignments
     * in the embedding (mean cosine silhouette on a fixed subsample of unlabeled rows), zero if a
     * cluster is empty. Uses no hidden labels.
     */
    LABEL_FREE
}
