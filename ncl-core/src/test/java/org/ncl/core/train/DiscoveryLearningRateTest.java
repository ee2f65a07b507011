// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.LEARNING_RATE;
import static org.ncl.core.options.NclOptions.LR_DECAY_AT;
import static org.ncl.core.options.NclOptions.LR_DECAY_FACTOR;
import static org.ncl.core.options.NclOptions.LR_SCHEDULE;
import static org.ncl.core.options.NclOptions.WARMUP_EPOCHS;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.LrSchedule;
import org.ncl.core.options.NclOptions;

/**
 * {@link DiscoveryStage#learningRate}, composed of DJL trackers, gives at every update number the rate of the
 * hand-written schedule it replaced (copied below), for the default and the reference settings and around them,
 * up to float rounding: the warm-up ramp differs by at most 2e-7 relative (another order of float operations), STEP
 * is bit-identical after it, and DJL's {@code CosineTracker} evaluates 1 + cos in float where the former schedule
 * rounded once from double, so the cosine differs by at most 1.5e-7 × the base rate in absolute terms: 1e-6 relative
 * while the rate is at least a quarter of the base rate, relatively more in the last updates, where the rate tends to
 * 0 (e.g. 1e-11 against 0 at the second-last update of a 47,000-update schedule).
 */
class DiscoveryLearningRateTest {

    /** The discovery stage's former hand-written schedule, verbatim. */
    private static Tracker former(NclOptions o, int steps) {
        int decayStep = (int) Math.round(o.get(LR_DECAY_AT) * o.get(DISCOVERY_EPOCHS)) * steps;
        float base = o.get(LEARNING_RATE).floatValue();
        float decayed = (float) (o.get(LEARNING_RATE) * o.get(LR_DECAY_FACTOR));
        int warmupSteps = Math.min(o.get(WARMUP_EPOCHS), o.get(DISCOVERY_EPOCHS)) * steps;
        int totalSteps = o.get(DISCOVERY_EPOCHS) * steps;
        boolean cosine = o.get(LR_SCHEDULE) == LrSchedule.COSINE;
        Tracker lr = update -> {
            if (update < warmupSteps) {
                return base * (update + 1) / warmupSteps;
            }
            if (cosine) {
                double progress = (update - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps);
                return (float) (base * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, progress))));
            }
            return update < decayStep ? base : decayed;
        };
        return lr;
    }

    /**
     * Updates 0 .. all updates + 3, asked in increasing order as the optimizer does: equal to 1e-6 relative, relative
     * to a quarter of the base rate where the rate is smaller (the cosine's float rounding, see above).
     */
    private static void assertSameRates(NclOptions o, int steps) {
        Tracker expected = former(o, steps);
        Tracker actual = DiscoveryStage.learningRate(o, steps);
        double base = o.get(LEARNING_RATE).floatValue();
        for (int n = 0; n <= o.get(DISCOVERY_EPOCHS) * steps + 3; n++) {
            float e = expected.getNewValue(n);
            float a = actual.getNewValue(n);
            assertEquals(
                    e,
                    a,
                    1e-6 * Math.max(Math.abs(e), 0.25 * base),
                    o.get(WARMUP_EPOCHS) + " warm-up epochs, "
                            + o.get(LR_SCHEDULE) + ", " + o.get(DISCOVERY_EPOCHS) + " epochs, decay at "
                            + o.get(LR_DECAY_AT) + ", " + steps
                            + " steps per epoch, update " + n);
            if (o.get(LR_SCHEDULE) == LrSchedule.STEP
                    && n >= Math.min(o.get(WARMUP_EPOCHS), o.get(DISCOVERY_EPOCHS)) * steps) {
                assertEquals(e, a, 0f, "STEP after the warm-up, update " + n);
            }
        }
    }

    @Test
    void theDefaultAndTheReferenceScheduleAreUnchanged() {
        for (int steps : new int[] {1, 2, 3, 7, 78, 235}) {
            assertSameRates(NclOptions.builder(5).build(), steps);
            assertSameRates(NclOptions.referenceBuilder(5).build(), steps);
        }
    }

    @Test
    void everyWarmUpScheduleAndDecayPointGivesTheFormerRates() {
        for (LrSchedule schedule : LrSchedule.values()) {
            for (int warmup : new int[] {0, 1, 2, 3}) {
                for (int epochs : new int[] {1, 2, 3, 12}) {
                    for (double decayAt : new double[] {0, 0.1, 0.3, 0.85, 1}) {
                        for (int steps : new int[] {1, 2, 3, 7, 78}) {
                            assertSameRates(
                                    NclOptions.builder(5)
                                            .set(LR_SCHEDULE, schedule)
                                            .set(WARMUP_EPOCHS, warmup)
                                            .set(DISCOVERY_EPOCHS, epochs)
                                            .set(LR_DECAY_AT, decayAt)
                                            .set(LR_DECAY_FACTOR, 0.1)
                                            .set(LEARNING_RATE, 0.05)
                                            .build(),
                                    steps);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theWarmUpRampsFromAFractionOfTheBaseRateAndTheCosineEndsAtZero() {
        NclOptions o = NclOptions.builder(5)
                .set(WARMUP_EPOCHS, 1)
                .set(DISCOVERY_EPOCHS, 4)
                .set(LEARNING_RATE, 0.1)
                .build();
        Tracker lr = DiscoveryStage.learningRate(o, 10);
        float[] rates = new float[45];
        for (int n = 0; n < rates.length; n++) {
            rates[n] = lr.getNewValue(n);
        }
        assertEquals(0.01f, rates[0], 1e-8f);
        assertEquals(0.05f, rates[4], 1e-8f);
        assertEquals(0.1f, rates[9], 1e-8f);
        assertEquals(0.1f, rates[10], 1e-8f);
        assertEquals(0.05f, rates[25], 1e-8f);
        assertEquals(0f, rates[40], 1e-8f);
        assertEquals(0f, rates[44], 0f);
    }
}
