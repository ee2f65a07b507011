// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The parameter-free residual shortcut of the CIFAR ResNet-18 used by NCL (Zhong, Fini, Roy, Luo,
 * Ricci, Sebe, "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021; the
 * authors' {@code BasicBlock}): when the block downsamples, the input is averaged over 2×2 windows
 * with stride 2, and when the block widens, the missing channels are filled with zeros. There is no
 * 1×1 convolution, so the shortcut has no parameters.
 *
 * <p>The pooling uses ceil mode, so an odd size {@code s} becomes {@code ceil(s / 2)}, the output
 * size of the block's 3×3 stride-2 convolution with padding 1 (7 → 4 for Fashion-MNIST's 7×7
 * maps); a partial window at the border averages only the elements it covers. For even sizes this
 * equals PyTorch's {@code AvgPool2d(2)} of the reference code.
 *
 * <p>Input NCHW {@code (N, C, H, W)}; output {@code (N, outChannels, H', W')}.
 */
public final class ZeroPadShortcut extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final Shape WINDOW = new Shape(2, 2);
    private static final Shape NO_PADDING = new Shape(0, 0);

    private final int stride;
    private final int outChannels;

    /**
     * Creates a shortcut.
     *
     * @param stride 1 (identity in space) or 2 (2×2 average pooling, ceil mode)
     * @param outChannels the channel count of the output, at least the input's; extra channels are
     *     zeros
     * @throws IllegalArgumentException if {@code stride} is not 1 or 2, or {@code outChannels < 1}
     */
    public ZeroPadShortcut(int stride, int outChannels) {
        super(VERSION);
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException("stride: expected 1 or 2, got " + stride);
        }
        if (outChannels < 1) {
            throw new IllegalArgumentException("outChannels: expected at least 1, got " + outChannels);
        }
        this.stride = stride;
        this.outChannels = outChannels;
    }

    /**
     * Returns the spatial stride.
     *
     * @return 1 or 2
     */
    public int getStride() {
        return stride;
    }

    /**
     * Returns the number of output channels.
     *
     * @return the output channel count
     */
    public int getOutChannels() {
        return outChannels;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        int inChannels = channelsOf(shape);
        NDArray y = stride == 2 ? Pool.avgPool2d(x, WINDOW, WINDOW, NO_PADDING, true, true) : x;
        if (outChannels > inChannels) {
            // constant_pad_nd: pairs from the last axis backwards: W, H, then C (after the input's).
            y = y.pad(new Shape(0, 0, 0, 0, 0, outChannels - inChannels), 0.0);
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        channelsOf(in);
        long h = stride == 2 ? (in.get(2) + 1) / 2 : in.get(2);
        long w = stride == 2 ? (in.get(3) + 1) / 2 : in.get(3);
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }

    private int channelsOf(Shape shape) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("shortcut input: expected shape (N, C, H, W), got " + shape);
        }
        long c = shape.get(1);
        if (c > outChannels) {
            throw new IllegalArgumentException(
                    "shortcut input channels: expected at most " + outChannels + ", got " + c);
        }
        return (int) c;
    }

    @Override
    public String toString() {
        return "ZeroPadShortcut(stride=" + stride + ", outChannels=" + outChannels + ")";
    }
}
