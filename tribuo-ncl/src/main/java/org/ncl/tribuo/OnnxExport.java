// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;
import org.ncl.core.NclModel;
import org.ncl.core.io.AtomicFiles;
import org.ncl.core.io.OnnxNames;
import org.ncl.tribuo.onnx.NclOnnxGraph;
import org.tribuo.ONNXExportable;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * One-call ONNX export of a core {@link NclModel} (Zhong et al., "Neighborhood Contrastive Learning for Novel Class
 * Discovery", CVPR 2021), for the command line and for users outside Tribuo.
 *
 * <p>The graph has one input {@value #INPUT} of shape {@code [batch, numFeatures]} in the core model's column order
 * ({@link NclModel#featureNames()}) holding raw (not standardised) values, and one output {@value #OUTPUT} of shape
 * {@code [batch, C_l + C_u]}: the probabilities of {@link NclModel#predict(float[])} in the order of
 * {@link NclModel#outputNames()} (known classes, then {@code novel-0..}); its argmax is the predicted label. Two more
 * outputs hold what {@link NclModel#predict(float[])} decides from: {@value #KNOWN_LOGITS} ({@code [batch, C_l]}) and
 * {@value #NOVEL_LOGITS} ({@code [batch, C_u]}, without the offset), so that a scorer without PyTorch can
 * apply the core's decision ({@link org.ncl.core.NclPrediction#fromOutputs}) to them with the offset in
 * {@value #NOVEL_OFFSET_KEY}. The metadata holds the Tribuo provenance ({@link ONNXExportable#PROVENANCE_METADATA_FIELD},
 * written for {@link org.ncl.tribuo.NclModel#fromCore}), the lists {@value #OUTPUT_NAMES_KEY} and
 * {@value #FEATURE_NAMES_KEY} (newline separated) and the offset {@value #NOVEL_OFFSET_KEY}
 * ({@link Float#toString(float)}, which reads back to the same float). The names are {@link OnnxNames}'.
 *
 * <p>To use a Tribuo {@link org.ncl.tribuo.NclModel} through {@code ONNXExternalModel} instead, export it with
 * {@link org.ncl.tribuo.NclModel#saveONNXModel} (its input and output columns follow Tribuo's feature and output ids).
 */
public final class OnnxExport {

    /** Name of the graph input. */
    public static final String INPUT = OnnxNames.INPUT;
    /** Name of the graph output. */
    public static final String OUTPUT = OnnxNames.OUTPUT;
    /** Name of the graph output holding the known head's logits. */
    public static final String KNOWN_LOGITS = OnnxNames.KNOWN_LOGITS;
    /** Name of the graph output holding the novel head's logits (without the offset). */
    public static final String NOVEL_LOGITS = OnnxNames.NOVEL_LOGITS;
    /** Metadata key of the offset added to the novel logits ({@link NclModel#novelLogitOffset()}). */
    public static final String NOVEL_OFFSET_KEY = OnnxNames.NOVEL_OFFSET_KEY;
    /** Metadata key of the output names, newline separated. */
    public static final String OUTPUT_NAMES_KEY = OnnxNames.OUTPUT_NAMES_KEY;
    /** Metadata key of the feature names, newline separated. */
    public static final String FEATURE_NAMES_KEY = OnnxNames.FEATURE_NAMES_KEY;

    private OnnxExport() {}

    /**
     * Builds the ONNX model of a core model.
     *
     * @param core the trained core model (not closed by this call)
     * @param domain the ONNX model domain, e.g. {@code "org.example"}
     * @param modelVersion the model version
     * @return the ONNX model
     */
    public static OnnxMl.ModelProto build(NclModel core, String domain, long modelVersion) {
        Objects.requireNonNull(core, "core");
        try (org.ncl.tribuo.NclModel tribuo = org.ncl.tribuo.NclModel.fromCore(core)) {
            ONNXContext context = new ONNXContext();
            context.setName("NCL-Model");
            ONNXPlaceholder input =
                    context.floatInput(INPUT, core.featureNames().size());
            ONNXPlaceholder output =
                    context.floatOutput(OUTPUT, core.outputNames().size());
            ONNXPlaceholder known =
                    context.floatOutput(KNOWN_LOGITS, core.knownClassNames().size());
            ONNXPlaceholder novel = context.floatOutput(NOVEL_LOGITS, core.numNovelClasses());
            NclOnnxGraph.Heads heads = NclOnnxGraph.heads(context, input, core);
            heads.probabilities().assignTo(output);
            heads.knownLogits().assignTo(known);
            heads.novelLogits().assignTo(novel);
            return ONNXExportable.buildModel(context, domain, modelVersion, tribuo).toBuilder()
                    .addMetadataProps(entry(OUTPUT_NAMES_KEY, String.join("\n", core.outputNames())))
                    .addMetadataProps(entry(NOVEL_OFFSET_KEY, Float.toString(core.novelLogitOffset())))
                    .addMetadataProps(entry(
                            FEATURE_NAMES_KEY, core.featureNames().stream().collect(Collectors.joining("\n"))))
                    .build();
        }
    }

    /**
     * Writes the ONNX model of a core model to a file (atomically: a temporary file in the same directory, then a move).
     *
     * @param core the trained core model (not closed by this call)
     * @param path the output file, conventionally {@code *.onnx}
     * @throws IOException if the file cannot be written
     */
    public static void write(NclModel core, Path path) throws IOException {
        write(core, path, "org.ncl", 1);
    }

    /**
     * As {@link #write(NclModel, Path)} with an explicit domain and version.
     *
     * @param core the trained core model
     * @param path the output file
     * @param domain the ONNX model domain
     * @param modelVersion the model version
     * @throws IOException if the file cannot be written
     */
    public static void write(NclModel core, Path path, String domain, long modelVersion) throws IOException {
        OnnxMl.ModelProto proto = build(core, domain, modelVersion);
        AtomicFiles.write(path, proto::writeTo);
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder()
                .setKey(key)
                .setValue(value)
                .build();
    }
}
