// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.exec;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of the snippets' class loader: the classes of the JDK's modules and of one package of the kernel (the
 * functions cells call), found through the kernel's class loader, and nothing else on the kernel's class path (its
 * Jupyter, ZeroMQ, Gson and Maven libraries stay out of the session), and of resources only the JDK's.
 */
final class KernelBoundaryLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader kernel;
    private final String visiblePackage;

    /**
     * @param kernel the kernel's class loader
     * @param visiblePackage the one package of the kernel that cells see
     */
    KernelBoundaryLoader(ClassLoader kernel, String visiblePackage) {
        super("ncl-kernel-boundary", null);
        this.kernel = kernel;
        this.visiblePackage = visiblePackage;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Class<?> c = kernel.loadClass(name);
        if (c.getModule().isNamed() || c.getPackageName().equals(visiblePackage)) {
            return c;
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    public URL getResource(String name) {
        URL u = kernel.getResource(name);
        return u != null && isJdk(u) ? u : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> jdk = new ArrayList<>();
        Enumeration<URL> all = kernel.getResources(name);
        while (all.hasMoreElements()) {
            URL u = all.nextElement();
            if (isJdk(u)) {
                jdk.add(u);
            }
        }
        return Collections.enumeration(jdk);
    }

    private static boolean isJdk(URL u) {
        return "jrt".equals(u.getProtocol());
    }
}
