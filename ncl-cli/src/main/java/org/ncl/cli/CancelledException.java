// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

/**
 * A command stopped by Ctrl-C (or SIGTERM): the message says where it stopped and what was kept. Reported as one
 * line starting with {@code cancelled: }, exit code {@value NclCommand#EXIT_CANCELLED}.
 */
final class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
