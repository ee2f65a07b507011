// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The context class loader is switched for the call and restored afterwards, also when the call throws. */
class ContextLoaderTest {

    @Test
    void switchesAndRestores() throws Exception {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader other = new URLClassLoader(new URL[0], null)) {
            ClassLoader seen =
                    ContextLoader.call(other, () -> Thread.currentThread().getContextClassLoader());
            assertSame(other, seen);
            assertSame(original, Thread.currentThread().getContextClassLoader());
            assertThrows(
                    IllegalStateException.class,
                    () -> ContextLoader.call(other, () -> {
                        throw new IllegalStateException("boom");
                    }));
            assertSame(original, Thread.currentThread().getContextClassLoader());
        }
    }
}
