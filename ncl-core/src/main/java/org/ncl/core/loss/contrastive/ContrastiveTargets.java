// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import org.ncl.core.options.ContrastiveStrategy;

/**
 * The positives of each site as soft targets (rows sum to 1), for the strategies of
 * {@link ContrastiveStrategy}. NCL's own targets are {@link org.ncl.core.loss.NclLoss#nclTargets} and
 * {@link org.ncl.core.loss.NclLoss#sclTargets} (Zhong et al., CVPR 2021).
 */
public final class ContrastiveTargets {

    private ContrastiveTargets() {}

    /** One-hot on column 0 (the anchor's own second view): InfoNCE against a queue. */
    public static float[] viewOnly(int rows, int columns) {
        float[] t = new float[rows * columns];
        for (int i = 0; i < rows; i++) {
            t[i * columns] = 1f;
        }
        return t;
    }

    /**
     * SupCon with pseudo-positives (Khosla et al., NeurIPS 2020): column 0 and the top-k columns of each row's
     * detached logits, uniform weight.
     */
    public static float[] uniformTopK(float[] detachedLogits, int rows, int columns, int topK) {
        float[] t = new float[rows * columns];
        for (int i = 0; i < rows; i++) {
            int[] order = org.ncl.core.tensor.Ranking.descending(detachedLogits, i * columns, columns);
            boolean[] pos = new boolean[columns];
            pos[0] = true;
            for (int k = 0; k < topK; k++) {
                pos[order[k]] = true;
            }
            int n = 0;
            for (boolean b : pos) {
                n += b ? 1 : 0;
            }
            for (int c = 0; c < columns; c++) {
                if (pos[c]) {
                    t[i * columns + c] = 1f / n;
                }
            }
        }
        return t;
    }

    /**
     * Two views of a batch stacked as 2B rows (rows i and i+B are one sample): targets over the 2B columns.
     * Without labels the partner view is the only positive (InfoNCE / NT-Xent); with {@code labels} (length B,
     * −1 = unlabeled) every other row of the same label is a positive too, uniform weight (SupCon).
     */
    public static float[] twoView(int n, int[] labels) {
        int b = n / 2;
        float[] t = new float[n * n];
        for (int i = 0; i < n; i++) {
            int partner = i < b ? i + b : i - b;
            int label = labels == null ? -1 : labels[i % b];
            int count = 0;
            for (int a = 0; a < n; a++) {
                if (a != i && (a == partner || (label >= 0 && labels[a % b] == label))) {
                    count++;
                }
            }
            for (int a = 0; a < n; a++) {
                if (a != i && (a == partner || (label >= 0 && labels[a % b] == label))) {
                    t[i * n + a] = 1f / count;
                }
            }
        }
        return t;
    }

    /** The self-similarities of 2B stacked rows (the diagonal), left out of every denominator. */
    public static boolean[] diagonal(int n) {
        boolean[] e = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            e[i * n + i] = true;
        }
        return e;
    }
}
