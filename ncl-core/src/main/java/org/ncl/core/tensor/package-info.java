// SPDX-License-Identifier: Apache-2.0
/**
 * Small helpers for the tensor code of the objectives and training stages, below both:
 * {@link org.ncl.core.tensor.Scalars} makes scalars as 0-d arrays owned by the step's manager (DJL wraps a
 * {@code Number} operand in a direct buffer that can be freed before the backward pass reads it), and
 * {@link org.ncl.core.tensor.Ranking} orders detached values (ties by index) for the targets and choices made
 * in Java.
 */
package org.ncl.core.tensor;
