// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import java.util.List;

/**
 * A cell that failed: code that does not compile, an incomplete statement at its end, or an exception thrown by its
 * code (whose class, message and stack the message and the report keep). Jupyter shows {@link #report()}.
 */
public final class CellException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> report;

    /**
     * @param message one line: what failed
     * @param report the lines Jupyter shows (the failing source, the compiler's messages, the stack)
     */
    CellException(String message, List<String> report) {
        super(message);
        this.report = List.copyOf(report);
    }

    /** The lines Jupyter shows for the failure. */
    public List<String> report() {
        return report;
    }
}
