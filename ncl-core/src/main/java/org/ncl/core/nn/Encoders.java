// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import static org.ncl.core.options.NclOptions.EMBEDDING_DIM;
import static org.ncl.core.options.NclOptions.MLP_HIDDEN_SIZES;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import java.util.Arrays;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;

/**
 * Builds the encoder Ω chosen in {@link NclOptions} for a given sample shape, and freezes all but
 * its last block (the reference code trains only ResNet's layer4 after pretraining).
 */
public final class Encoders {

    private Encoders() {}

    /** The encoder type actually used for a sample shape: AUTO becomes MLP for vectors, SMALL_CNN for images. */
    public static EncoderType resolve(EncoderType requested, int[] sampleShape) {
        boolean image = sampleShape.length == 3;
        EncoderType type =
                requested == EncoderType.AUTO ? (image ? EncoderType.SMALL_CNN : EncoderType.MLP) : requested;
        if (!image && type != EncoderType.MLP) {
            throw new IllegalArgumentException(
                    "option 'encoder' = " + type + " needs image rows [channels, height, width], but rows have shape "
                            + Arrays.toString(sampleShape) + "; use MLP for vectors");
        }
        if (image
                && (type == EncoderType.SMALL_CNN || type == EncoderType.RESNET18)
                && (sampleShape[1] < 8 || sampleShape[2] < 8)) {
            throw new IllegalArgumentException("option 'encoder' = " + type
                    + " needs images of at least 8x8 pixels, got " + Arrays.toString(sampleShape));
        }
        return type;
    }

    /** A new encoder (N, ...) → (N, D). */
    public static SequentialBlock create(EncoderType type, int[] sampleShape, NclOptions options) {
        switch (type) {
            case MLP:
                return Mlp.create(
                        options.get(MLP_HIDDEN_SIZES).stream()
                                .mapToInt(Integer::intValue)
                                .toArray(),
                        options.get(EMBEDDING_DIM));
            case SMALL_CNN:
                return SmallCnn.create(sampleShape[0], options.get(EMBEDDING_DIM));
            case RESNET18:
                return ResNet18Cifar.create(sampleShape[0]);
            default:
                throw new IllegalArgumentException("unresolved encoder type " + type);
        }
    }

    /** Width D of the encoder's output. */
    public static int outputDim(EncoderType type, NclOptions options) {
        return type == EncoderType.RESNET18 ? ResNet18Cifar.OUTPUT_DIM : options.get(EMBEDDING_DIM);
    }

    /**
     * Freezes (or unfreezes) every child of the encoder except the last. BatchNorm running statistics
     * never get gradients: unfreezing leaves them alone (DJL's plain {@code freezeParameters(false)}
     * would mark them trainable).
     */
    public static void freezeAllButLast(SequentialBlock encoder, boolean freeze) {
        java.util.List<Block> children = encoder.getChildren().values();
        for (int i = 0; i < children.size() - 1; i++) {
            children.get(i)
                    .freezeParameters(
                            freeze,
                            p -> p.getType() != Parameter.Type.RUNNING_MEAN
                                    && p.getType() != Parameter.Type.RUNNING_VAR);
        }
    }
}
