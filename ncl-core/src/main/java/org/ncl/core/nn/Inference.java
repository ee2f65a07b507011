// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Runs an {@link NclNetwork} in evaluation mode (BatchNorm running statistics, no gradients) over
 * standardised rows in batches, each in its own sub-manager, and returns the outputs on the heap.
 */
public final class Inference {

    /**
     * Outputs for n rows: features f (n &times; d), known-head logits (n &times; cl), novel-head logits (n &times; cu).
     */
    public record Outputs(int n, int d, int cl, int cu, float[] features, float[] knownLogits, float[] novelLogits) {

        /** Row i of the features, L2-normalised (the contrastive space z). */
        public float[] normalisedFeatures() {
            float[] z = new float[features.length];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (double) features[i * d + k] * features[i * d + k];
                }
                double inv = 1.0 / Math.max(Math.sqrt(s), 1e-12);
                for (int k = 0; k < d; k++) {
                    z[i * d + k] = (float) (features[i * d + k] * inv);
                }
            }
            return z;
        }

        /** argmax of the novel head per row (task-aware novel cluster). */
        public int[] novelArgmax() {
            return argmax(novelLogits, cu);
        }

        /** argmax of the known head per row. */
        public int[] knownArgmax() {
            return argmax(knownLogits, cl);
        }

        /** argmax over the concatenated heads (task-agnostic): 0..cl-1 known, cl..cl+cu-1 novel. */
        public int[] jointArgmax() {
            return jointArgmax(0f);
        }

        /** As {@link #jointArgmax()} with {@code novelOffset} added to every novel logit. */
        public int[] jointArgmax(float novelOffset) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                int best = 0;
                float bv = cl > 0 ? knownLogits[i * cl] : Float.NEGATIVE_INFINITY;
                for (int j = 1; j < cl; j++) {
                    if (knownLogits[i * cl + j] > bv) {
                        bv = knownLogits[i * cl + j];
                        best = j;
                    }
                }
                for (int j = 0; j < cu; j++) {
                    if (novelLogits[i * cu + j] + novelOffset > bv) {
                        bv = novelLogits[i * cu + j] + novelOffset;
                        best = cl + j;
                    }
                }
                out[i] = best;
            }
            return out;
        }

        private int[] argmax(float[] logits, int c) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int j = 1; j < c; j++) {
                    if (logits[i * c + j] > logits[i * c + best]) {
                        best = j;
                    }
                }
                out[i] = best;
            }
            return out;
        }
    }

    private Inference() {}

    /** The shape of a batch of {@code b} rows of {@code sampleShape}: {@code (b, sampleShape...)}. */
    public static Shape batchShape(int b, int[] sampleShape) {
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = b;
        for (int i = 0; i < sampleShape.length; i++) {
            dims[i + 1] = sampleShape[i];
        }
        return new Shape(dims);
    }

    /** Runs {@code network} on {@code rows} (row-major, standardised) of {@code shape}. */
    public static Outputs run(
            NclNetwork network, NDManager manager, Device device, float[] rows, int[] shape, int batchSize) {
        int size = 1;
        for (int s : shape) {
            size *= s;
        }
        int n = rows.length / size;
        float[] f = null;
        float[] k = null;
        float[] u = null;
        int d = 0;
        int cl = 0;
        int cu = 0;
        for (int start = 0; start < n; start += batchSize) {
            int b = Math.min(batchSize, n - start);
            try (NDManager step = manager.newSubManager(device)) {
                float[] chunk = new float[b * size];
                System.arraycopy(rows, start * size, chunk, 0, b * size);
                NDList out = network.forward(
                        new ParameterStore(step, false), new NDList(step.create(chunk, batchShape(b, shape))), false);
                float[] fb = out.get(0).toFloatArray();
                float[] kb = out.get(1).size() == 0 ? new float[0] : out.get(1).toFloatArray();
                float[] ub = out.get(2).toFloatArray();
                if (f == null) {
                    d = fb.length / b;
                    cl = kb.length / b;
                    cu = ub.length / b;
                    f = new float[n * d];
                    k = new float[n * cl];
                    u = new float[n * cu];
                }
                System.arraycopy(fb, 0, f, start * d, fb.length);
                System.arraycopy(kb, 0, k, start * cl, kb.length);
                System.arraycopy(ub, 0, u, start * cu, ub.length);
            }
        }
        return new Outputs(n, d, cl, cu, f, k, u);
    }
}
