// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.progress;

/**
 * Thrown by {@link org.ncl.core.NclTrainer} when the training thread is interrupted (e.g. Weka's Stop button) or
 * the caller's cancellation check returns true. Training stops at the next step; nothing is kept.
 */
public final class TrainingCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A cancellation with a message saying where training stopped. */
    public TrainingCancelledException(String message) {
        super(message);
    }
}
