// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.exec;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Makes the kernel's execution engine for a JShell ({@code JShell.builder().executionEngine(provider, Map.of())}) and
 * keeps it, so that the kernel can take the values of expressions and interrupt cells.
 */
public final class SnippetExecutionControlProvider implements ExecutionControlProvider {

    private final ClassLoader kernel;
    private final String visiblePackage;
    private volatile SnippetExecutionControl control;

    /**
     * @param kernel the kernel's class loader
     * @param visiblePackage the one package of the kernel that cells see (the functions they call)
     */
    public SnippetExecutionControlProvider(ClassLoader kernel, String visiblePackage) {
        this.kernel = kernel;
        this.visiblePackage = visiblePackage;
    }

    @Override
    public String name() {
        return "ncl-kernel";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        SnippetClassLoader loader = new SnippetClassLoader(new KernelBoundaryLoader(kernel, visiblePackage));
        control = new SnippetExecutionControl(new SnippetLoaderDelegate(loader));
        return control;
    }

    /**
     * The engine made last.
     *
     * @throws IllegalStateException if JShell has not made one yet
     */
    public SnippetExecutionControl control() {
        SnippetExecutionControl c = control;
        if (c == null) {
            throw new IllegalStateException("JShell has not started its execution engine");
        }
        return c;
    }
}
