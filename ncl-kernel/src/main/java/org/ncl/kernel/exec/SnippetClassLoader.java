// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.exec;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the classes JShell compiles from the cells (from their bytes) and loads the jars and directories the
 * session's class path holds; asks its parent first, as any class loader.
 */
final class SnippetClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classFiles = new ConcurrentHashMap<>();

    SnippetClassLoader(ClassLoader parent) {
        super("jshell-cells", new URL[0], parent);
    }

    /** Records the bytes of a compiled class, defined when it is first loaded. */
    void declare(String className, byte[] bytes) {
        classFiles.put(className, bytes.clone());
    }

    /** Adds a jar or a directory of classes. */
    void addEntry(Path entry) throws MalformedURLException {
        addURL(entry.toUri().toURL());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classFiles.get(name);
        if (bytes == null) {
            return super.findClass(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
