// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Runs DJL calls with the thread context class loader switched to a given class loader. Inside a Weka
 * package the adapter, ncl-core and DJL are loaded by the package's own class loader, while Weka's
 * threads (the Explorer's worker thread, the command line) carry Weka's loader as their context
 * loader; DJL finds its engine and the PyTorch natives through the context loader
 * ({@code ServiceLoader}, native resources), so without the switch it finds no engine.
 */
public final class ContextLoader {

    private ContextLoader() {}

    /**
     * Calls {@code body} with {@code loader} as the current thread's context class loader and restores
     * the previous one afterwards (also when {@code body} throws).
     */
    public static <T> T call(ClassLoader loader, Callable<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
