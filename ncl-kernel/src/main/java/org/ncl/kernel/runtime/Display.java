// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.runtime;

/**
 * Rich output from cell code, with IJava's names and signatures: {@code display(image)} shows a
 * {@link java.awt.image.RenderedImage} (or PNG bytes, or a {@code .png} file's {@link java.nio.file.Path}) inline.
 */
public final class Display {

    private Display() {}

    /** Shows a value in the running cell, as its preferred MIME types; returns the display id. */
    public static String display(Object value) {
        return Session.current().display(value);
    }

    /** Shows a value in the running cell as the given MIME types (e.g. {@code "image/png"}); returns the display id. */
    public static String display(Object value, String... mimeTypes) {
        return Session.current().display(value, mimeTypes);
    }

    /** Replaces what the display {@code id} shows. */
    public static void updateDisplay(String id, Object value) {
        Session.current().updateDisplay(id, value);
    }

    /** Replaces what the display {@code id} shows, as the given MIME types. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        Session.current().updateDisplay(id, value, mimeTypes);
    }
}
