// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.exec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell's execution engine for the kernel: runs each snippet in a thread of its own whose context class loader is
 * the cells' loader, and keeps what an expression evaluates to as an object ({@link #takeResult}); JShell itself
 * only sees a key for it.
 */
public final class SnippetExecutionControl extends DirectExecutionControl {

    private static final Object NULL = new Object();

    private final SnippetLoaderDelegate delegate;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private volatile Thread running;

    SnippetExecutionControl(SnippetLoaderDelegate delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    /** The class loader that defines the cells' classes. */
    public ClassLoader classLoader() {
        return delegate.classLoader();
    }

    /**
     * Runs a snippet's method; returns the key of its value.
     *
     * @throws InvocationTargetException what the snippet threw, as JShell expects it
     */
    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(
                () -> {
                    try {
                        value[0] = doit.invoke(null);
                    } catch (Throwable e) { // anything the cell throws is reported to JShell below
                        failure[0] = e;
                    }
                },
                "jshell-cell");
        t.setContextClassLoader(delegate.classLoader());
        running = t;
        try {
            t.start();
            t.join();
        } finally {
            running = null;
        }
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new InvocationTargetException(failure[0]);
        }
        String key = "ncl-kernel-value-" + keys.incrementAndGet();
        results.put(key, value[0] == null ? NULL : value[0]);
        return key;
    }

    /**
     * The value stored under a key that {@link #invoke} returned, removed from this engine; null if the value was
     * null or the key is not one of this engine's (a value JShell read without running the snippet).
     */
    public Object takeResult(String key) {
        Object v = results.remove(key);
        return v == NULL ? null : v;
    }

    /** Forgets the values not taken. */
    public void clearResults() {
        results.clear();
    }

    /** Interrupts the running snippet (it stops where it checks for interruption or waits). */
    public void interrupt() {
        Thread t = running;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void stop() {
        interrupt();
    }
}
