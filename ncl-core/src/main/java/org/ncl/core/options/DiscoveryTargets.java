// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/** Whether the discovery stage also fits the heads to a clustering of the rows chosen before it. */
public enum DiscoveryTargets {
    /**
     * CLUSTERED for tables (the MLP encoder), NONE for images: on images, neighbourhoods in the input space are
     * weaker than the features the network learns (raw-pixel spectral clustering scored below k-means on
     * Fashion-MNIST), on tables they are the strongest signal there is.
     */
    AUTO,
    /**
     * Cluster the unlabeled rows in the input space before discovery, with the method (spectral or k-means),
     * feature scaling and neighbour count that best recover the known classes from the labeled rows (simulated
     * discovery), and train both heads on one softmax over known classes and clusters: the known label for
     * labeled rows, the cluster for unlabeled rows, alongside NCL's own terms.
     */
    CLUSTERED,
    /** NCL's own terms only (the reference). */
    NONE
}
