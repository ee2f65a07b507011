// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples.notebook;

/**
 * A notebook cell failed: a magic that cannot be honoured, code that does not compile, or an exception thrown by
 * the code. The message names the notebook, the cell (1-based, counting all cells) and the snippet.
 */
public final class NotebookException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The failure. */
    public NotebookException(String message) {
        super(message);
    }
}
