// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.progress;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one epoch of one stage did: mean loss terms, throughput and, where the data carries ground
 * truth, evaluation metrics. Metrics are computed for reporting only: ground truth never reaches
 * training or model selection. {@code selectionScore} is the label-free score of the model-selection
 * rule (NaN where it is not computed).
 *
 * @param stage the stage
 * @param epoch 0-based epoch within the stage
 * @param epochs number of epochs of the stage
 * @param losses mean value of each loss term over the epoch
 * @param metrics evaluation metrics (e.g. novelAcc, novelNmi, novelAri, knownAcc), possibly empty
 * @param selectionScore the label-free model-selection score, or NaN
 * @param samplesPerSecond training rows processed per second
 * @param seconds wall time of the epoch
 */
public record EpochReport(
        Stage stage,
        int epoch,
        int epochs,
        Map<String, Double> losses,
        Map<String, Double> metrics,
        double selectionScore,
        double samplesPerSecond,
        double seconds) {

    /** Compact constructor: copies the maps. */
    public EpochReport {
        losses = Map.copyOf(losses);
        metrics = Map.copyOf(metrics);
    }

    @Override
    public String toString() {
        String l = new java.util.TreeMap<>(losses)
                .entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s=%.4f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(" "));
        String m = new java.util.TreeMap<>(metrics)
                .entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s=%.4f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(" "));
        return String.format(
                Locale.ROOT,
                "%-10s epoch %3d/%d  %s%s%s  %.0f rows/s  %.1fs",
                stage,
                epoch + 1,
                epochs,
                l,
                m.isEmpty() ? "" : "  | " + m,
                Double.isNaN(selectionScore) ? "" : String.format(Locale.ROOT, "  select=%.4f", selectionScore),
                samplesPerSecond,
                seconds);
    }
}
