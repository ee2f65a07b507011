// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * The MLP encoder Ω for vectors (images are flattened): {@code [Linear - BatchNorm - ReLU]} per
 * hidden width, then a last {@code Linear(D) - BatchNorm} block whose output is the feature f (BatchNorm keeps
 * its scale bounded, so the heads' logits stay finite after contrastive pretraining). The last child is
 * the block kept trainable when early layers are frozen (the analogue of the reference's layer4).
 *
 * <p>Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021,
 * section 3: "for tabular data an MLP is the natural backbone" (this project's spec, section 2).
 */
public final class Mlp {

    private Mlp() {}

    /** An MLP from any input (flattened) to {@code outputDim} features. */
    public static SequentialBlock create(int[] hiddenSizes, int outputDim) {
        SequentialBlock encoder = new SequentialBlock();
        for (int i = 0; i < hiddenSizes.length; i++) {
            SequentialBlock layer = new SequentialBlock();
            if (i == 0) {
                layer.add(Blocks.batchFlattenBlock());
            }
            layer.add(Linear.builder().setUnits(hiddenSizes[i]).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
            encoder.add(layer);
        }
        encoder.add(new SequentialBlock()
                .add(Linear.builder().setUnits(outputDim).build())
                .add(BatchNorm.builder().build()));
        return encoder;
    }
}
