// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/** How the novel head φ_u starts the discovery stage. */
public enum NovelHeadInit {
    /** Random initialisation (the reference). */
    RANDOM,
    /**
     * From k-means on the unlabeled rows' embeddings z (as DTC, Han et al., ICCV 2019, initialises its
     * cluster centres): the rows of φ_u's weight are the unit-norm centroids, so the head starts out
     * assigning each row to its nearest centroid by cosine.
     */
    KMEANS
}
