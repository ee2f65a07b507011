// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/** The discovery learning-rate schedule (after the warm-up). */
public enum LrSchedule {
    /** Cosine decay to 0 over the discovery epochs (default; suits short schedules). */
    COSINE,
    /** Multiply by {@code lrDecayFactor} after {@code lrDecayAt} of the epochs (the reference: ×0.1 at 170/200). */
    STEP
}
