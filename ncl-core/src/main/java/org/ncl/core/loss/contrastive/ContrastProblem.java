// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * One batch of a contrastive loss, as every {@link ContrastiveObjective} sees it: anchors q (rows × D,
 * L2-normalised, with gradient), their logits against the candidate columns (rows × cols, similarity / t,
 * with gradient), the soft targets (each row sums to 1; a positive has weight &gt; 0), which entries are left
 * out of the denominator (self-similarities), the temperature, and the detached candidate vectors from which
 * synthetic negatives are mixed: columns {@code bankOffset..cols-1} are the rows of {@code bank}
 * (NCL: column 0 is each row's own view, then the queue; pretraining: the 2B rows of the batch, offset 0).
 *
 * <p>Immutable in use: the arrays are not copied (they can be large and are made per step) and must not be
 * changed after construction; {@link #withTargets} returns a new problem.
 * Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021, section 3.2.
 */
public final class ContrastProblem {

    private final NDArray anchors;
    private final NDArray logits;
    private final float[] targets;
    private final boolean[] excluded;
    private final float[] bank;
    private final int bankOffset;
    private final double temperature;
    private final int epoch;
    private final int rows;
    private final int columns;
    private final int dim;

    /**
     * @param anchors q, rows × D, L2-normalised, with gradient
     * @param logits rows × cols, q·c / t, with gradient
     * @param targets rows × cols soft targets, row-major
     * @param excluded rows × cols, true where the entry is not in the denominator; null if none is
     * @param bank detached candidate vectors of columns {@code bankOffset..}, (cols − bankOffset) × D
     * @param bankOffset first column that is a bank row
     * @param temperature t
     * @param epoch 0-based epoch of the stage (hard negative generation starts at an epoch)
     */
    public ContrastProblem(
            NDArray anchors,
            NDArray logits,
            float[] targets,
            boolean[] excluded,
            float[] bank,
            int bankOffset,
            double temperature,
            int epoch) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.logits = Objects.requireNonNull(logits, "logits");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.bank = Objects.requireNonNull(bank, "bank");
        this.rows = (int) logits.getShape().get(0);
        this.columns = (int) logits.getShape().get(1);
        this.dim = (int) anchors.getShape().get(1);
        if (targets.length != rows * columns) {
            throw new IllegalArgumentException(
                    "targets: expected " + rows + " x " + columns + " values, got " + targets.length);
        }
        if (excluded != null && excluded.length != rows * columns) {
            throw new IllegalArgumentException(
                    "excluded: expected " + rows + " x " + columns + " flags, got " + excluded.length);
        }
        if (bank.length != (columns - bankOffset) * dim) {
            throw new IllegalArgumentException("bank: expected " + (columns - bankOffset) + " x " + dim
                    + " values for columns " + bankOffset + ".." + (columns - 1) + ", got " + bank.length);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.excluded = excluded;
        this.bankOffset = bankOffset;
        this.temperature = temperature;
        this.epoch = epoch;
    }

    /** q, rows × D, with gradient. */
    public NDArray anchors() {
        return anchors;
    }
    /** rows × cols logits (similarity / t), with gradient. */
    public NDArray logits() {
        return logits;
    }
    /** Soft targets, rows × cols (live: do not modify). */
    public float[] targets() {
        return targets;
    }
    /** Entries left out of the denominator, or null if none (live: do not modify). */
    public boolean[] excluded() {
        return excluded;
    }
    /** Detached candidate vectors of the bank columns (live: do not modify). */
    public float[] bank() {
        return bank;
    }
    /** First bank column. */
    public int bankOffset() {
        return bankOffset;
    }
    /** Number of bank rows. */
    public int bankSize() {
        return columns - bankOffset;
    }
    /** Temperature t. */
    public double temperature() {
        return temperature;
    }
    /** 0-based epoch. */
    public int epoch() {
        return epoch;
    }
    /** Anchors. */
    public int rows() {
        return rows;
    }
    /** Candidate columns. */
    public int columns() {
        return columns;
    }
    /** Embedding width D. */
    public int dim() {
        return dim;
    }

    /** Whether entry (r, c) is in the denominator. */
    public boolean included(int r, int c) {
        return excluded == null || !excluded[r * columns + c];
    }

    /** Whether entry (r, c) is a negative: in the denominator with target 0. */
    public boolean negative(int r, int c) {
        return included(r, c) && targets[r * columns + c] == 0f;
    }

    /** The same problem with other targets and exclusions. */
    public ContrastProblem withTargets(float[] newTargets, boolean[] newExcluded) {
        return new ContrastProblem(anchors, logits, newTargets, newExcluded, bank, bankOffset, temperature, epoch);
    }
}
