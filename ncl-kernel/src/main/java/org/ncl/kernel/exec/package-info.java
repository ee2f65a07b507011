// SPDX-License-Identifier: Apache-2.0
/**
 * Where cell code runs: a JShell execution engine in the kernel's JVM whose snippets are defined by their own class
 * loader. That loader sees the JDK and the kernel's {@code runtime} package, and otherwise only what the session's
 * magics add, never the kernel's own libraries; each cell runs in a thread of its own (interruptible, with that
 * loader as context class loader, so that {@link java.util.ServiceLoader} finds services of added jars), and the
 * value of an expression is kept as an object, so that it can be shown as rich output.
 */
package org.ncl.kernel.exec;
