// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.runtime;

import java.util.List;

/** What cell code can ask of the running kernel; the kernel installs itself with {@link #install}. */
public interface Session {

    /**
     * Shows a value as rich output in the cell that is running.
     *
     * @param mimeTypes the MIME types to render it as; none: the value's preferred ones
     * @return the display id, for {@link #updateDisplay}
     */
    String display(Object value, String... mimeTypes);

    /** Replaces what the display with this id shows. */
    void updateDisplay(String id, Object value, String... mimeTypes);

    /** Runs a line magic ({@code %name args}); returns its value. */
    Object lineMagic(String name, List<String> args) throws Exception;

    /** Runs a cell magic ({@code %%name args} and the cell's body); returns its value. */
    Object cellMagic(String name, List<String> args, String body) throws Exception;

    /** Makes {@code session} the one the functions of this package use. */
    static void install(Session session) {
        Holder.session = session;
    }

    /**
     * The installed session.
     *
     * @throws IllegalStateException if no kernel is running in this JVM
     */
    static Session current() {
        Session s = Holder.session;
        if (s == null) {
            throw new IllegalStateException("no Jupyter kernel is running in this JVM");
        }
        return s;
    }

    /** The installed session (an interface cannot hold a mutable field). */
    final class Holder {
        private static volatile Session session;

        private Holder() {}
    }
}
