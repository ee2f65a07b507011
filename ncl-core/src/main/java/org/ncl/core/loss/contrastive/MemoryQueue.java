// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A FIFO memory of past normalised embeddings (and, for the labeled queue, their labels): M_u and
 * M_l of NCL. Kept in Java memory (K &times; D floats) and copied into each step's manager, so no
 * long-lived native array is touched in place and the step's manager owns everything it creates.
 *
 * <p>As in the authors' code, the queue starts filled with values uniform in &plusmn;1/sqrt(D/3)
 * (labels {@code -1}, which never match) and new entries overwrite the oldest.
 * Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021, section 3.2.
 */
public final class MemoryQueue {

    private final int size;
    private final int dim;
    private final float[] data;
    private final int[] labels;
    private int pointer;
    private long added;

    /** A queue of {@code size} entries of width {@code dim}, randomly initialised from {@code random}. */
    public MemoryQueue(int size, int dim, SplittableRandom random) {
        this.size = size;
        this.dim = dim;
        this.data = new float[size * dim];
        this.labels = new int[size];
        Arrays.fill(labels, -1);
        double stdv = 1.0 / Math.sqrt(dim / 3.0);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 2 * stdv - stdv);
        }
    }

    /** Number of entries K. */
    public int size() {
        return size;
    }

    /** Width D. */
    public int dim() {
        return dim;
    }

    /** Entries written so far (may exceed K). */
    public long added() {
        return added;
    }

    /** The K &times; D values, row-major (a live view: do not modify). */
    public float[] data() {
        return data;
    }

    /** Label per entry ({@code -1} for none). */
    public int[] labels() {
        return labels;
    }

    /** Squared norm of every entry. */
    public float[] squaredNorms() {
        float[] n = new float[size];
        for (int i = 0; i < size; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                double v = data[i * dim + j];
                s += v * v;
            }
            n[i] = (float) s;
        }
        return n;
    }

    /** Writes {@code rows} entries (row-major {@code rows × D}), with labels or null, over the oldest. */
    public void add(float[] values, int[] newLabels, int rows) {
        if (values.length != rows * dim) {
            throw new IllegalArgumentException("expected " + rows + " x " + dim + " values, got " + values.length);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * dim, data, pointer * dim, dim);
            labels[pointer] = newLabels == null ? -1 : newLabels[r];
            pointer = (pointer + 1) % size;
            added++;
        }
    }
}
