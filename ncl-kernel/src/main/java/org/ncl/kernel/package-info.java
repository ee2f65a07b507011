// SPDX-License-Identifier: Apache-2.0
/**
 * A Jupyter kernel for Java with JShell underneath ({@link org.ncl.kernel.JShellKernel}), on jupyter-jvm-basekernel,
 * the kernel base library of IJava (Park, IJava, 2018), so that notebooks written for IJava run unchanged: IJava's
 * magics {@code %maven} (resolved offline from the local Maven repository), {@code %mavenRepo}, {@code %jars} and
 * {@code %classpath} ({@link org.ncl.kernel.KernelMagics}), the value of a cell's last expression shown as rich
 * output (an image as {@code image/png}, {@link org.ncl.kernel.ImageRenderers}), and IJava's {@code display}
 * function. {@link org.ncl.kernel.KernelMain} starts the kernel and writes its {@code kernel.json}
 * ({@link org.ncl.kernel.KernelSpec}).
 */
package org.ncl.kernel;
