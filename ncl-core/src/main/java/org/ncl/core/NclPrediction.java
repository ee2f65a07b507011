// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

/**
 * The prediction for one row: a known label or a novel cluster (task-agnostic: argmax over both
 * heads' concatenated logits, the novel ones shifted by the model's calibrated offset), with the
 * probabilities over all C_l + C_u outputs (softmax of those logits), and the task-aware answers of
 * each head on its own.
 *
 * @param index the predicted output: 0..C_l-1 known classes, C_l..C_l+C_u-1 novel clusters
 * @param label its name: a known class name or "novel-k"
 * @param novel true if the row is assigned to a novel cluster
 * @param probabilities softmax over the concatenated (offset) logits (length C_l + C_u)
 * @param knownClass argmax of the known head φ_l alone
 * @param novelCluster argmax of the novel head φ_u alone (task-aware novel cluster)
 * @param novelProbabilities softmax of φ_u alone (length C_u)
 */
public record NclPrediction(
        int index,
        String label,
        boolean novel,
        float[] probabilities,
        int knownClass,
        int novelCluster,
        float[] novelProbabilities) {

    /** Probability of the predicted output. */
    public float confidence() {
        return probabilities[index];
    }
}
