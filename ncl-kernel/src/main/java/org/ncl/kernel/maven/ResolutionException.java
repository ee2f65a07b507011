// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.maven;

/** Coordinates that cannot be resolved offline; the message names them and says where they were looked for. */
public final class ResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The failure and its cause. */
    public ResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
