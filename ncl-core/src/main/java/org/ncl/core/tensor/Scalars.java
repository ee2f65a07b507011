// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars as 0-d arrays. DJL's {@code NDArray.mul(Number)} (and div, add, sub ...) wraps the number
 * in a direct buffer that is freed while autograd still references it; after a garbage collection
 * the backward pass reads freed memory (wrong gradients, a loss that jumps or turns NaN on small heaps; DJL's
 * own {@code Loss.l2Loss()} is affected). Every scalar that
 * meets a tensor under a gradient collector is made here, in the step's manager, and lives until
 * that manager closes.
 */
public final class Scalars {

    private Scalars() {}

    /** A 0-d float32 array holding {@code value}, owned by {@code manager}. */
    public static NDArray of(NDManager manager, double value) {
        return manager.full(new Shape(), (float) value);
    }
}
