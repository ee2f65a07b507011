// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

/** A notebook whose execution failed: a cell threw or did not compile, timed out, or the kernel died. */
public final class NotebookFailureException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The failure, with nbclient's report. */
    public NotebookFailureException(String message) {
        super(message);
    }
}
