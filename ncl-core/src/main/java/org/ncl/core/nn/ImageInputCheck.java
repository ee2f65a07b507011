// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;

/**
 * A parameter-free block that passes an NCHW image batch through unchanged after checking its
 * shape, so that a wrong input fails with a message that names what was expected instead of a
 * native shape error deep inside a convolution.
 */
final class ImageInputCheck {

    /** The smallest height and width the image encoders accept. */
    static final int MIN_SIZE = 8;

    private ImageInputCheck() {}

    /**
     * Creates the check.
     *
     * @param encoder the encoder's name, used in messages
     * @param channels the expected channel count
     * @return a block mapping {@code (N, channels, H, W)} with {@code H, W >= 8} to itself
     */
    static LambdaBlock create(String encoder, int channels) {
        return LambdaBlock.singleton(
                x -> {
                    check(encoder, channels, x.getShape());
                    return x;
                },
                "inputCheck");
    }

    static void check(String encoder, int channels, Shape shape) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(
                    encoder + " input: expected shape (N, " + channels + ", H, W), got " + shape);
        }
        if (shape.get(1) != channels) {
            throw new IllegalArgumentException(encoder + " input channels: expected " + channels + ", got "
                    + shape.get(1) + " (shape " + shape + ")");
        }
        if (shape.get(2) < MIN_SIZE || shape.get(3) < MIN_SIZE) {
            throw new IllegalArgumentException(encoder + " input height and width: expected at least " + MIN_SIZE
                    + ", got " + shape.get(2) + "x" + shape.get(3));
        }
    }

    static void checkPositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + ": expected at least 1, got " + value);
        }
    }
}
