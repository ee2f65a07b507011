// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.io;

/**
 * The names by which a model's ONNX export is read: its input, its outputs and its metadata keys. The export itself is
 * written with Tribuo's ONNX builder (tribuo-ncl's {@code OnnxExport}, which needs no ONNX Runtime); scorers that run
 * it under ONNX Runtime without the core's network (spark-ncl) read these names. One list, so that writer and readers
 * cannot drift apart.
 */
public final class OnnxNames {

    /** The input: raw (not standardised) rows, {@code [batch, numFeatures]} floats in the model's column order. */
    public static final String INPUT = "input";
    /** The probabilities of the model's prediction, {@code [batch, C_l + C_u]}, known classes then novel clusters. */
    public static final String OUTPUT = "output";
    /** The known head's logits, {@code [batch, C_l]}. */
    public static final String KNOWN_LOGITS = "known_logits";
    /** The novel head's logits, {@code [batch, C_u]}, without the novel-logit offset. */
    public static final String NOVEL_LOGITS = "novel_logits";
    /** Metadata: the output names (known class names, then {@code novel-0..}), newline separated. */
    public static final String OUTPUT_NAMES_KEY = "ncl.outputNames";
    /** Metadata: the feature names in the model's column order, newline separated. */
    public static final String FEATURE_NAMES_KEY = "ncl.featureNames";
    /** Metadata: the offset added to the novel logits, as {@link Float#toString(float)} writes it. */
    public static final String NOVEL_OFFSET_KEY = "ncl.novelLogitOffset";

    private OnnxNames() {}
}
