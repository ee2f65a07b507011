// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ncl.core.metrics.ClusteringScores;

/**
 * The choice of cluster targets by simulated discovery: the candidate that recovers the known classes wins, the
 * unlabeled rows are clustered with it, and the choice depends on nothing but the rows, the known labels and the
 * seed.
 */
class ClusterTargetsTest {

    /**
     * Two pairs of interleaved half-moons and two blobs: known classes 0-2 are a pair of moons and a blob, novel
     * classes 3-5 the same shapes elsewhere, unlabeled. k-means cuts moons the wrong way; a neighbour graph follows
     * them.
     */
    private static float[] moons(int perClass, int[] truth, SplittableRandom r) {
        float[] x = new float[perClass * 6 * 2];
        for (int c = 0; c < 6; c++) {
            double dx = c < 3 ? 0 : 6;
            double dy = c < 3 ? 0 : 4;
            for (int i = 0; i < perClass; i++) {
                int row = c * perClass + i;
                double t = r.nextDouble() * Math.PI;
                double px;
                double py;
                switch (c % 3) {
                    case 0 -> {
                        px = Math.cos(t);
                        py = Math.sin(t);
                    }
                    case 1 -> {
                        px = 1 - Math.cos(t);
                        py = 0.5 - Math.sin(t);
                    }
                    default -> {
                        px = 3.5;
                        py = -1.5;
                    }
                }
                double noise = c % 3 == 2 ? 0.25 : 0.06;
                x[2 * row] = (float) (dx + px + noise * r.nextGaussian());
                x[2 * row + 1] = (float) (dy + py + noise * r.nextGaussian());
                truth[row] = c;
            }
        }
        return x;
    }

    @Test
    void theCandidateThatRecoversTheKnownClassesClustersTheNovelOnes() {
        int per = 150;
        int[] truth = new int[per * 6];
        float[] x = moons(per, truth, new SplittableRandom(5));
        int[] known = Arrays.stream(truth).map(t -> t < 3 ? t : -1).toArray();
        ClusterTargets.Choice choice = ClusterTargets.choose(x, 2, new float[] {1, 1}, known, 3, 9);
        assertTrue(choice.chosen().neighbours() > 0, "a graph method wins on moons: " + choice.scores());
        assertTrue(choice.scores().get(choice.chosen()) > 0.95, choice.scores().toString());
        double kmeans = choice.scores().get(new ClusterTargets.Candidate(ClusterTargets.Scaling.STANDARDISED, 0));
        assertTrue(kmeans < 0.9, "k-means on moons: " + kmeans);
        int[] novelRows = java.util.stream.IntStream.range(0, truth.length)
                .filter(i -> known[i] < 0)
                .toArray();
        int[] targets = Arrays.stream(novelRows).map(i -> choice.targets()[i]).toArray();
        int[] novelTruth = Arrays.stream(novelRows).map(i -> truth[i]).toArray();
        double acc = ClusteringScores.of(novelTruth, targets).accuracy();
        assertTrue(
                acc > 0.95, "targets of the novel moons: " + acc + " with " + choice.chosen() + " " + choice.scores());
        for (int i = 0; i < truth.length; i++) {
            if (known[i] >= 0) {
                assertEquals(-1, choice.targets()[i], "labeled rows get no cluster target");
            }
        }
        assertTrue(choice.describe().get("discoveryTargets.method").startsWith("spectral("));
    }

    @Test
    void theChoiceDependsOnlyOnTheRowsTheKnownLabelsAndTheSeed() {
        int per = 60;
        int[] truth = new int[per * 6];
        float[] x = moons(per, truth, new SplittableRandom(6));
        int[] known = Arrays.stream(truth).map(t -> t < 3 ? t : -1).toArray();
        ClusterTargets.Choice a = ClusterTargets.choose(x, 2, new float[] {1, 1}, known, 3, 4);
        ClusterTargets.Choice b = ClusterTargets.choose(x.clone(), 2, new float[] {1, 1}, known.clone(), 3, 4);
        assertEquals(a.chosen(), b.chosen());
        assertEquals(a.scores(), b.scores());
        assertArrayEquals(a.targets(), b.targets());
    }

    @Test
    void theCommonScaleUndoesTheStandardisationUpToOneFactor() {
        // standardised values z with per-feature scale (1, 3): common = z·σ / rms(σ), rms = √5
        float[] z = {1, 1, -2, 0.5f};
        float[] common = ClusterTargets.commonScale(z, 2, new float[] {1, 3});
        double rms = Math.sqrt(5);
        assertArrayEquals(
                new float[] {(float) (1 / rms), (float) (3 / rms), (float) (-2 / rms), (float) (1.5 / rms)},
                common,
                1e-6f);
    }
}
