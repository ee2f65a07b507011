// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import java.util.List;
import java.util.Map;
import org.ncl.core.progress.EpochReport;

/**
 * Where a model came from: every setting, the seed, library and engine versions, the device, a
 * summary of the training data (with a SHA-256 of its features and known labels), the per-epoch
 * reports of every stage and the epoch that model selection kept.
 *
 * @param nclVersion version of this library
 * @param djlVersion DJL version
 * @param engine engine name and version (e.g. "PyTorch 2.7.1")
 * @param device device the model was trained on
 * @param threads intra-op threads of the engine
 * @param javaVersion Java runtime version
 * @param os operating system and architecture
 * @param createdAt ISO-8601 instant the training finished
 * @param options every setting ({@link org.ncl.core.options.NclOptions#toMap()})
 * @param encoder the encoder actually used (AUTO resolved)
 * @param data summary of the training data
 * @param history the per-epoch reports of all stages, in order
 * @param selectedEpoch the discovery epoch kept (0-based)
 * @param selectionScore its label-free score
 * @param stageSeconds wall time per stage
 * @param choices what the trainer chose by itself from the data, with its evidence (e.g. the method behind the
 *     discovery targets and every candidate's score); empty in model files written before it was recorded
 */
public record NclProvenance(
        String nclVersion,
        String djlVersion,
        String engine,
        String device,
        int threads,
        String javaVersion,
        String os,
        String createdAt,
        Map<String, String> options,
        String encoder,
        DataSummary data,
        List<EpochReport> history,
        int selectedEpoch,
        double selectionScore,
        Map<String, Double> stageSeconds,
        Map<String, String> choices) {

    /** The version of this library. */
    public static final String NCL_VERSION = "0.1.0";

    /** Compact constructor: copies the collections. */
    public NclProvenance {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        history = List.copyOf(history);
        stageSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageSeconds));
        choices = java.util.Collections.unmodifiableMap(
                choices == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(choices));
    }

    /**
     * A summary of the training data.
     *
     * @param rows number of rows
     * @param features values per row
     * @param sampleShape shape of a row
     * @param labeledRows rows with a known label
     * @param unlabeledRows rows without
     * @param knownClasses names of the known classes
     * @param numNovelClasses C_u
     * @param sha256 hash of the features and known labels
     */
    public record DataSummary(
            int rows,
            int features,
            List<Integer> sampleShape,
            int labeledRows,
            int unlabeledRows,
            List<String> knownClasses,
            int numNovelClasses,
            String sha256) {}
}
