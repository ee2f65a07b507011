// SPDX-License-Identifier: Apache-2.0
/**
 * The functions a notebook cell can call, imported statically into every session of the kernel as IJava imports its
 * own: {@code display(value)} shows a value as rich output (an image as {@code image/png}), and {@code lineMagic} /
 * {@code cellMagic}, which the kernel's magics ({@code %maven ...}) turn into. This is the only package of the kernel
 * that cell code can see; it reaches the running kernel through {@link org.ncl.kernel.runtime.Session}.
 */
package org.ncl.kernel.runtime;
