package org.ncl.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * InfoNCE over two views of a batch (SimCLR's NT-Xent; Chen et al., ICML 2020; van den Oord et al.
 * 2018): rows i and i+B are the two views of one sample, every other row of the 2B is a negative.
 * L = −mean_i log exp(z_i·z_p(i)/t) / Σ_{a≠i} exp(z_i·z_a/t). Used by the self-supervised stage of NCL
 * on tables and, by default, images (the paper uses RotNet; see {@code ncl-spec.md} section 7).
 */
public final class InfoNce {

    private InfoNce() {
    }

    /** The loss for 2B L2-normalised rows {@code z} (views stacked: first B rows view 1). */
    public static NDArray twoViewLoss(NDManager m, NDArray z, double temperature) {
        int n = (int) z.getShape().get(0);
        int b = n / 2;
        float[] mask = new float[n * n];
        float[] targets = new float[n * n];
        for (int i = 0; i < n; i++) {
            mask[i * n + i] = -1e9f;
            targets[i * n + (i < b ? i + b : i - b)] = 1f;
        }
        NDArray logits = z.matMul(z.transpose()).div(Scalars.of(m, temperature)).add(m.create(mask, new Shape(n, n)));
        return NclLoss.softCrossEntropy(logits, m.create(targets, new Shape(n, n)));
    }
}
