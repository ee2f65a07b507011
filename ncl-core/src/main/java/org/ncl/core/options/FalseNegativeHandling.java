// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/**
 * What happens to likely false negatives: candidates among an anchor's negatives that are in its top-k
 * ({@code falseNegativeTopK}, 10; 0 = no rank limit) with similarity above {@code falseNegativeThreshold}
 * (0.7; −1 = no threshold). Huynh, Kornblith, Walter, Maire, Khademi, "Boosting Contrastive Self-Supervised
 * Learning with False Negative Cancellation" (FNC), WACV 2022; seed 002's survey of better negatives.
 */
public enum FalseNegativeHandling {
    /** Every negative stays a negative (the default and the behaviour before this option existed). */
    NONE,
    /** Elimination: a false negative leaves the denominator. */
    ELIMINATE,
    /**
     * Attraction: a false negative also counts as a positive; with |P| positives and |F| false negatives the
     * targets become (|P|·t + 1_F)/(|P| + |F|), so it stays in the denominator like any positive.
     */
    ATTRACT
}
