// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collections;

/**
 * Assigning values to a network parameter in place. DJL's {@link NDArray#set(java.nio.Buffer)} is not used
 * for that: its native side ({@code torchSet}) enters PyTorch's deprecated {@code AutoNonVariableTypeMode},
 * and PyTorch 2.x then prints "AutoNonVariableTypeMode is deprecated ... under risk of producing silent wrong
 * result" on standard error once per JVM: noise that reads like an error in every training run. Here the
 * values are copied as an indexed assignment with gradient recording switched off (PyTorch's usual way to
 * assign to a parameter, {@code with torch.no_grad(): p[...] = v}), which prints nothing.
 */
public final class ParameterValues {

    private ParameterValues() {}

    /**
     * Overwrites every value of {@code target} with {@code values} (row-major), keeping the same tensor, its
     * data type and whether it records gradients.
     *
     * @throws IllegalArgumentException if the number of values is not the size of {@code target}
     */
    public static void set(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException(values.length + " values for an array of shape " + target.getShape());
        }
        try (NDManager scope = target.getManager().newSubManager()) {
            NDArray source = scope.create(values, target.getShape()).toType(target.getDataType(), false);
            boolean grad = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                target.set(
                        new NDIndex(String.join(
                                ",", Collections.nCopies(target.getShape().dimension(), ":"))),
                        source);
            } finally {
                JniUtils.setGradMode(grad);
            }
        }
    }
}
