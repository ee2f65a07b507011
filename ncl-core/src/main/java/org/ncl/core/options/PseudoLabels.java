// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/** How the pairwise pseudo-labels of L_bce are made. */
public enum PseudoLabels {
    /**
     * Adaptive (default): a pair is positive when each is among the other's nearest
     * {@code adaptiveNeighbourFraction * batch/C_u} unlabeled batch rows (cosine on detached
     * features), so the threshold follows the data's scale.
     */
    ADAPTIVE,
    /** The reference: positive iff cosine similarity &ge; {@code cosineThreshold} (0.95). */
    COSINE,
    /** AutoNovel's rank statistics: positive iff the top-{@code rankStatsTopK} feature dimensions coincide. */
    RANK_STATS
}
