// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;

/**
 * The CIFAR variant of ResNet-18 used as the encoder in NCL (Zhong, Fini, Roy, Luo, Ricci, Sebe,
 * "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021), as a DJL block.
 *
 * <p>Architecture (the authors' code): a stem of a 3×3 convolution with stride 1 (64 channels, no
 * bias), batch norm and ReLU, without max-pooling; four stages of two BasicBlocks each with 64,
 * 128, 256 and 512 channels and strides 1, 2, 2, 2; then global average pooling, flattening and a
 * ReLU after the pool, giving a 512-dimensional non-negative feature. A BasicBlock computes
 * {@code relu(bn(conv3x3(relu(bn(conv3x3_s(x))))) + shortcut(x))} where the shortcut is
 * parameter-free ({@link ZeroPadShortcut}: 2×2 average pooling when the stride is 2, zero channel
 * padding when the width grows; no 1×1 convolution).
 *
 * <p>The returned block's children are, in order: {@code stem}, {@code layer1}, {@code layer2},
 * {@code layer3}, and {@code layer4} followed by the pool and ReLU. The last child is the part
 * NCL keeps trainable in the discovery stage (the reference freezes the stem through layer3).
 *
 * <p>Input NCHW float {@code (N, C, H, W)} with {@code H, W >= 8}; odd sizes work (28 → 28, 14,
 * 7, 4). Output {@code (N, 8 * baseWidth)}. Convolution weights get He (fan-in, Gaussian)
 * initialisation unless a training configuration overrides the weight initializer.
 */
public final class ResNet18Cifar {

    /** The feature dimension at the paper's width (base width 64). */
    public static final int OUTPUT_DIM = 512;

    /** The paper's base width: the channel count of the stem and the first stage. */
    public static final int DEFAULT_BASE_WIDTH = 64;

    /** BasicBlocks per stage. */
    private static final int BLOCKS_PER_STAGE = 2;

    private static final String NAME = "ResNet18Cifar";

    private ResNet18Cifar() {}

    /**
     * Creates the encoder at the paper's width (output dimension 512).
     *
     * @param inChannels the input channel count (1 for Fashion-MNIST, 3 for CIFAR)
     * @return the encoder; children stem, layer1, layer2, layer3, layer4+pool+relu
     * @throws IllegalArgumentException if {@code inChannels < 1}
     */
    public static SequentialBlock create(int inChannels) {
        return create(inChannels, DEFAULT_BASE_WIDTH);
    }

    /**
     * Creates the encoder with a chosen width: stage widths {@code w, 2w, 4w, 8w} for base width
     * {@code w} (64 is the paper's; a smaller one trains faster on a CPU).
     *
     * @param inChannels the input channel count (1 for Fashion-MNIST, 3 for CIFAR)
     * @param baseWidth the channel count of the stem and the first stage
     * @return the encoder; children stem, layer1, layer2, layer3, layer4+pool+relu
     * @throws IllegalArgumentException if {@code inChannels < 1} or {@code baseWidth < 1}
     */
    public static SequentialBlock create(int inChannels, int baseWidth) {
        ImageInputCheck.checkPositive("inChannels", inChannels);
        ImageInputCheck.checkPositive("baseWidth", baseWidth);
        SequentialBlock stem = new SequentialBlock()
                .add(ImageInputCheck.create(NAME, inChannels))
                .add(conv3x3(baseWidth, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());

        SequentialBlock encoder = new SequentialBlock().add(stem);
        int[] strides = {1, 2, 2, 2};
        for (int stage = 0; stage < strides.length; stage++) {
            int outWidth = baseWidth << stage;
            SequentialBlock layer = new SequentialBlock();
            for (int b = 0; b < BLOCKS_PER_STAGE; b++) {
                int stride = b == 0 ? strides[stage] : 1;
                layer.add(basicBlock(outWidth, stride));
            }
            if (stage == strides.length - 1) {
                layer.add(Pool.globalAvgPool2dBlock()).add(Activation.reluBlock());
            }
            encoder.add(layer);
        }
        encoder.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                Parameter.Type.WEIGHT);
        return encoder;
    }

    /**
     * Returns the feature dimension for a base width.
     *
     * @param baseWidth the base width passed to {@link #create(int, int)}
     * @return {@code 8 * baseWidth} (512 for the paper's 64)
     * @throws IllegalArgumentException if {@code baseWidth < 1}
     */
    public static int outputDim(int baseWidth) {
        ImageInputCheck.checkPositive("baseWidth", baseWidth);
        return 8 * baseWidth;
    }

    /**
     * One BasicBlock: a residual branch of two 3×3 convolutions with batch norm, a parameter-free
     * shortcut, their sum and a ReLU.
     */
    private static Block basicBlock(int outWidth, int stride) {
        SequentialBlock residual = new SequentialBlock()
                .add(conv3x3(outWidth, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv3x3(outWidth, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = new ZeroPadShortcut(stride, outWidth);
        return new ParallelBlock(ResNet18Cifar::addRelu, List.of(residual, shortcut));
    }

    private static NDList addRelu(List<NDList> branches) {
        return new NDList(Activation.relu(
                branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())));
    }

    static Conv2d conv3x3(int filters, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .optBias(false)
                .build();
    }
}
