// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ncl.core.nn.Inference;

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

    /**
     * The decision of {@link NclModel#predict}, from both heads' logits wherever they were computed (by the DJL network
     * or by an ONNX export of it): each row's output is the argmax over the known logits followed by the novel logits
     * plus {@code novelOffset} (the first output wins a tie), its probabilities the softmax of those logits, and each
     * head's own argmax and the novel head's softmax are kept beside it.
     *
     * @param out both heads' raw logits for n rows (the features are not used and may be empty)
     * @param novelOffset the offset added to the novel logits ({@link NclModel#novelLogitOffset()})
     * @param knownClassNames the names of the C_l known outputs
     * @return one prediction per row, in row order
     */
    public static List<NclPrediction> fromOutputs(
            Inference.Outputs out, float novelOffset, List<String> knownClassNames) {
        int cl = out.cl();
        int cu = out.cu();
        if (knownClassNames.size() != cl) {
            throw new IllegalArgumentException(
                    knownClassNames.size() + " known class names for a known head of " + cl + " outputs");
        }
        int[] joint = out.jointArgmax(novelOffset);
        int[] known = out.knownArgmax();
        int[] novel = out.novelArgmax();
        List<NclPrediction> result = new ArrayList<>(out.n());
        for (int i = 0; i < out.n(); i++) {
            float[] logits = new float[cl + cu];
            System.arraycopy(out.knownLogits(), i * cl, logits, 0, cl);
            for (int j = 0; j < cu; j++) {
                logits[cl + j] = out.novelLogits()[i * cu + j] + novelOffset;
            }
            float[] novelLogits = Arrays.copyOfRange(out.novelLogits(), i * cu, (i + 1) * cu);
            int idx = joint[i];
            boolean isNovel = idx >= cl;
            String label = isNovel ? NclModel.novelName(idx - cl) : knownClassNames.get(idx);
            result.add(
                    new NclPrediction(idx, label, isNovel, softmax(logits), known[i], novel[i], softmax(novelLogits)));
        }
        return result;
    }

    private static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
