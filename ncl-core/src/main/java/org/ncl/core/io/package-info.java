// SPDX-License-Identifier: Apache-2.0
/**
 * Model persistence: one versioned zip file per model, written atomically
 * ({@link org.ncl.core.io.ModelFile}), and {@link org.ncl.core.io.AtomicFiles}, the atomic write every output
 * file of the project goes through. {@link org.ncl.core.io.OnnxNames} names the input, outputs and metadata of a
 * model's ONNX export.
 */
package org.ncl.core.io;
