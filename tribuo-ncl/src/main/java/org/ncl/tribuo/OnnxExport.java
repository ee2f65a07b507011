// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;
import org.ncl.core.NclModel;
import org.ncl.core.io.AtomicFiles;
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
 * {@link NclModel#outputNames()} (known classes, then {@code novel-0..}); its argmax is the predicted label. The
 * metadata holds the Tribuo provenance ({@link ONNXExportable#PROVENANCE_METADATA_FIELD}, written for
 * {@link org.ncl.tribuo.NclModel#fromCore}) and the lists {@value #OUTPUT_NAMES_KEY} and {@value #FEATURE_NAMES_KEY}
 * (newline separated).
 *
 * <p>To use a Tribuo {@link org.ncl.tribuo.NclModel} through {@code ONNXExternalModel} instead, export it with
 * {@link org.ncl.tribuo.NclModel#saveONNXModel} (its input and output columns follow Tribuo's feature and output ids).
 */
public final class OnnxExport {

    /** Name of the graph input. */
    public static final String INPUT = "input";
    /** Name of the graph output. */
    public static final String OUTPUT = "output";
    /** Metadata key of the output names, newline separated. */
    public static final String OUTPUT_NAMES_KEY = "ncl.outputNames";
    /** Metadata key of the feature names, newline separated. */
    public static final String FEATURE_NAMES_KEY = "ncl.featureNames";

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
            NclOnnxGraph.probabilities(context, input, core).assignTo(output);
            return ONNXExportable.buildModel(context, domain, modelVersion, tribuo).toBuilder()
                    .addMetadataProps(entry(OUTPUT_NAMES_KEY, String.join("\n", core.outputNames())))
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
