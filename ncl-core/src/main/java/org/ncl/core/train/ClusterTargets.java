// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ncl.core.clustering.KMeans;
import org.ncl.core.clustering.SpectralClustering;
import org.ncl.core.metrics.ClusteringScores;

/**
 * Cluster targets for the discovery stage, chosen by simulated discovery: every candidate clustering method is
 * run on the labeled rows with k = the number of known classes, scored by how well it recovers the known labels
 * (Hungarian accuracy), and the best one clusters the unlabeled rows into the requested number of novel classes.
 * Only labeled rows are used to choose, never the unlabeled rows' hidden labels (the idea of choosing
 * hyper-parameters on the known classes, as novel classes in disguise, is PBN's: Troisemaine et al., "A Practical
 * Approach to Novel Class Discovery in Tabular Data", DMKD 2024).
 *
 * <p>Candidates: {@link SpectralClustering} with 5, 10 or 20 neighbours and k-means, each on the rows as the network
 * sees them (every feature standardised) and on the centred rows under one common scale (features keep their
 * relative spread, as pixels or counts on one scale should). When several candidates come within {@value #TIE} of
 * the best score (easy known classes often let many recover them perfectly), each of them clusters the unlabeled
 * rows and the one whose clustering agrees best with the others' (mean adjusted Rand index) wins: a consensus that
 * reads no label. Remaining ties go to the earlier candidate in the order above.
 */
public final class ClusterTargets {

    /** At most this many labeled rows (a seeded sample) are clustered to score each candidate. */
    static final int YARDSTICK_ROWS = 3000;
    /** At most this many unlabeled rows (a seeded sample) get a target; the others get none. */
    static final int MAX_ROWS = 10000;

    private static final int[] NEIGHBOURS = {10, 20, 5};
    /** Candidates this close to the best accuracy on the known classes are tied. */
    static final double TIE = 0.01;

    /** Feature scaling of a candidate. */
    public enum Scaling {
        /** Each feature standardised (the network's input). */
        STANDARDISED,
        /** Centred, all features divided by one common scale. */
        COMMON
    }

    /**
     * One clustering method.
     *
     * @param scaling the feature scaling
     * @param neighbours graph neighbours of spectral clustering, 0 for k-means
     */
    public record Candidate(Scaling scaling, int neighbours) {
        /** e.g. {@code spectral(10 neighbours, standardised)} or {@code kmeans(common scale)}. */
        @Override
        public String toString() {
            String s = scaling == Scaling.STANDARDISED ? "standardised" : "common scale";
            return neighbours > 0 ? "spectral(" + neighbours + " neighbours, " + s + ")" : "kmeans(" + s + ")";
        }

        int[] cluster(float[] rows, int d, int k, long seed) {
            if (neighbours > 0) {
                return new SpectralClustering(k, neighbours, seed).fit(rows, d);
            }
            return new KMeans(KMeans.Options.of(k).withRestarts(10).withSeed(seed))
                    .fit(rows, d)
                    .assignments();
        }
    }

    /**
     * The choice and the targets.
     *
     * @param chosen the candidate used
     * @param scores each candidate's accuracy on the labeled rows, in candidate order (empty without labeled rows)
     * @param agreement for the candidates within {@value #TIE} of the best accuracy, when there are several: the
     *     mean adjusted Rand index of each one's clustering of the unlabeled rows with the others' (the tie-break)
     * @param targets per training row: the cluster (0..C_u−1) of an unlabeled row, −1 for labeled rows and
     *     unlabeled rows left out of the sample
     */
    public record Choice(
            Candidate chosen, Map<Candidate, Double> scores, Map<Candidate, Double> agreement, int[] targets) {
        /** The choice in provenance form: the method and every candidate's score. */
        public Map<String, String> describe() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("discoveryTargets.method", chosen.toString());
            if (!scores.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                scores.forEach((c, v) -> sb.append(sb.length() == 0 ? "" : "; ")
                        .append(c)
                        .append(" = ")
                        .append(String.format(Locale.ROOT, "%.4f", v)));
                m.put("discoveryTargets.knownClassAccuracy", sb.toString());
            }
            if (!agreement.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                agreement.forEach((c, v) -> sb.append(sb.length() == 0 ? "" : "; ")
                        .append(c)
                        .append(" = ")
                        .append(String.format(Locale.ROOT, "%.4f", v)));
                m.put("discoveryTargets.tieBreakAgreement", sb.toString());
            }
            return m;
        }
    }

    private ClusterTargets() {}

    /** Every candidate, in tie-breaking order. */
    public static List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        for (Scaling s : Scaling.values()) {
            for (int nn : NEIGHBOURS) {
                out.add(new Candidate(s, nn));
            }
            out.add(new Candidate(s, 0));
        }
        return out;
    }

    /**
     * Chooses a candidate on the labeled rows and clusters the unlabeled rows with it.
     *
     * @param rows standardised training rows, n &times; d
     * @param d values per row
     * @param scale each feature's standard deviation (undoes the standardisation for the common scale)
     * @param knownLabels known label per row, −1 for unlabeled rows
     * @param numNovel number of novel clusters
     * @param seed seed of the samples and the clusterings
     */
    public static Choice choose(float[] rows, int d, float[] scale, int[] knownLabels, int numNovel, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xC1A55L);
        int[] labeled = IntStream.range(0, knownLabels.length)
                .filter(i -> knownLabels[i] >= 0)
                .toArray();
        int[] unlabeled = IntStream.range(0, knownLabels.length)
                .filter(i -> knownLabels[i] < 0)
                .toArray();
        float[] common = commonScale(rows, d, scale);
        Map<Candidate, Double> scores = new LinkedHashMap<>();
        int[] yardstick = TrainingContext.sample(random, labeled, YARDSTICK_ROWS);
        Arrays.sort(yardstick);
        int[] truth = Arrays.stream(yardstick).map(i -> knownLabels[i]).toArray();
        int knownK = (int) Arrays.stream(truth).distinct().count();
        double bestScore = Double.NEGATIVE_INFINITY;
        if (knownK >= 2) {
            for (Candidate c : candidates()) {
                float[] x = gather(c.scaling() == Scaling.STANDARDISED ? rows : common, d, yardstick);
                double acc = ClusteringScores.of(truth, c.cluster(x, d, knownK, seed))
                        .accuracy();
                scores.put(c, acc);
                bestScore = Math.max(bestScore, acc);
            }
        }
        List<Candidate> tied = new ArrayList<>();
        for (Candidate c : candidates()) {
            if (scores.isEmpty() ? tied.isEmpty() : scores.get(c) >= bestScore - TIE) {
                tied.add(c);
            }
        }
        int[] chosenRows = TrainingContext.sample(random, unlabeled, MAX_ROWS);
        Arrays.sort(chosenRows);
        int k = Math.min(numNovel, chosenRows.length);
        Map<Candidate, int[]> clusterings = new LinkedHashMap<>();
        for (Candidate c : tied) {
            clusterings.put(
                    c,
                    c.cluster(gather(c.scaling() == Scaling.STANDARDISED ? rows : common, d, chosenRows), d, k, seed));
        }
        // Among near-equals on the known classes, the clustering of the unlabeled rows the others agree with most.
        Candidate best = tied.get(0);
        double bestAgreement = Double.NEGATIVE_INFINITY;
        Map<Candidate, Double> agreement = new LinkedHashMap<>();
        for (Candidate c : tied) {
            double sum = 0;
            for (Candidate other : tied) {
                if (other != c) {
                    sum += ClusteringScores.of(clusterings.get(c), clusterings.get(other))
                            .ari();
                }
            }
            double mean = tied.size() > 1 ? sum / (tied.size() - 1) : 1;
            agreement.put(c, mean);
            if (mean > bestAgreement + 1e-12) {
                bestAgreement = mean;
                best = c;
            }
        }
        int[] clusters = clusterings.get(best);
        int[] targets = new int[knownLabels.length];
        Arrays.fill(targets, -1);
        for (int i = 0; i < chosenRows.length; i++) {
            targets[chosenRows[i]] = clusters[i];
        }
        return new Choice(best, scores, tied.size() > 1 ? agreement : Map.of(), targets);
    }

    /** z·σ_j / s with s the root mean square of σ: centred rows, every feature on one scale. */
    static float[] commonScale(float[] rows, int d, float[] scale) {
        double ms = 0;
        for (float s : scale) {
            ms += (double) s * s;
        }
        float rms = (float) Math.max(Math.sqrt(ms / d), 1e-12);
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i] * scale[i % d] / rms;
        }
        return out;
    }

    private static float[] gather(float[] rows, int d, int[] ids) {
        float[] out = new float[ids.length * d];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(rows, ids[i] * d, out, i * d, d);
        }
        return out;
    }
}
