// SPDX-License-Identifier: Apache-2.0
/**
 * Model persistence: one versioned zip file per model, written atomically
 * ({@link org.ncl.core.io.ModelFile}), and {@link org.ncl.core.io.AtomicFiles}, the atomic write every output
 * file of the project goes through.
 */
package org.ncl.core.io;
