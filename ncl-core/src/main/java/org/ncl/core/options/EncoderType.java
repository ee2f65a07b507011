// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/** The encoder Ω. */
public enum EncoderType {
    /** MLP for vectors, {@link #SMALL_CNN} for images. */
    AUTO,
    /** Multi-layer perceptron (any input, flattened). */
    MLP,
    /** A small CNN that trains fast on CPU cores (images only). */
    SMALL_CNN,
    /** The paper's CIFAR ResNet-18 variant (images only). */
    RESNET18
}
