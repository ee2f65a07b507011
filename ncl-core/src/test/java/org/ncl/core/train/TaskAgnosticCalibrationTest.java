// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskAgnosticCalibrationTest {

    /** Balanced accuracy of "d + offset > 0 iff unlabeled", computed directly. */
    private static double balanced(float[] labeled, float[] unlabeled, float offset) {
        int k = 0;
        for (float d : labeled) {
            if (d + offset <= 0) {
                k++;
            }
        }
        int u = 0;
        for (float d : unlabeled) {
            if (d + offset > 0) {
                u++;
            }
        }
        return 0.5 * (k / (double) labeled.length + u / (double) unlabeled.length);
    }

    @Test
    void separableMarginsGetAnOffsetBetweenTheGroups() {
        float[] labeled = {3f, 4f, 5f}; // the novel head wins on known rows: needs a negative offset
        float[] unlabeled = {7f, 8f, 9f};
        float offset = TaskAgnosticCalibration.novelOffset(labeled, unlabeled);
        assertEquals(-6f, offset, 1e-6f); // midway between 5 and 7
        assertEquals(1.0, balanced(labeled, unlabeled, offset));
    }

    @Test
    void theOffsetMaximisesBalancedAccuracyOverEveryThreshold() {
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            float[] labeled = new float[5 + r.nextInt(40)];
            float[] unlabeled = new float[5 + r.nextInt(40)];
            for (int i = 0; i < labeled.length; i++) {
                labeled[i] = (float) r.nextGaussian() + (r.nextBoolean() ? 0 : 1);
            }
            for (int i = 0; i < unlabeled.length; i++) {
                unlabeled[i] = (float) (r.nextGaussian() * 2 + 1);
            }
            float offset = TaskAgnosticCalibration.novelOffset(labeled, unlabeled);
            double got = balanced(labeled, unlabeled, offset);
            double best = 0;
            for (float[] group : new float[][] {labeled, unlabeled}) {
                for (float d : group) {
                    best = Math.max(
                            best, Math.max(balanced(labeled, unlabeled, -d), balanced(labeled, unlabeled, -d + 1e-4f)));
                }
            }
            assertTrue(got >= best - 1e-9, "trial " + trial + ": " + got + " < " + best);
        }
    }

    @Test
    void marginsAreMaxNovelMinusMaxKnown() {
        float[] known = {1f, 5f, -2f, 0f}; // 2 rows x 2 known
        float[] novel = {2f, 3f, 4f, -1f, 7f, 0f}; // 2 rows x 3 novel
        assertArrayEquals(new float[] {-1f, 7f}, TaskAgnosticCalibration.margins(known, 2, novel, 3, 2), 0f);
    }

    @Test
    void marginsThatDoNotSeparateTheRowsAreNotUsed() {
        // known rows score higher on the novel head than novel rows: no offset separates them
        TaskAgnosticCalibration.Fit fit =
                TaskAgnosticCalibration.fitMargins(new float[] {5f, 6f, 7f}, new float[] {1f, 2f, 3f});
        assertEquals(0.5, fit.balancedAccuracy(), 1e-12);
        assertEquals(0f, fit.usableOffset());
        TaskAgnosticCalibration.Fit good =
                TaskAgnosticCalibration.fitMargins(new float[] {3f, 4f, 5f}, new float[] {7f, 8f, 9f});
        assertEquals(1.0, good.balancedAccuracy(), 1e-12);
        assertEquals(-6f, good.usableOffset(), 1e-6f);
    }

    @Test
    void emptyGroupsGiveNoOffset() {
        assertEquals(0f, TaskAgnosticCalibration.novelOffset(new float[0], new float[] {1f}));
    }
}
