// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.Standardizer;
import org.ncl.core.io.AtomicFiles;
import org.ncl.core.io.ModelFile;
import org.ncl.core.nn.Inference;
import org.ncl.core.nn.NclNetwork;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;

/**
 * A trained NCL model (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery",
 * CVPR 2021): encoder and heads, the standardisation fitted on the training rows, the known class
 * names, the number of novel clusters and the {@link NclProvenance} of the run.
 *
 * <p>{@link #predict} assigns each row a known label or a novel cluster ("novel-k"); {@link #outputs}
 * gives the raw head logits and features; {@link #save(Path)} writes one versioned file atomically and
 * {@link #load(Path)} reads it back to identical predictions ({@link #save(OutputStream)} and
 * {@link #load(InputStream, String)} do the same with the file's bytes on a stream). Holds native memory:
 * {@link #close()} it.
 */
public final class NclModel implements AutoCloseable {

    private static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .setPrettyPrinting()
            .create();

    private final NclOptions options;
    private final EncoderType encoderType;
    private final int[] sampleShape;
    private final List<String> featureNames;
    private final List<String> knownClassNames;
    private final Standardizer standardizer;
    private final NclNetwork network;
    private final float novelOffset;
    private final NDManager manager;
    private final Device device;
    private final NclProvenance provenance;

    NclModel(
            NclOptions options,
            EncoderType encoderType,
            int[] sampleShape,
            List<String> featureNames,
            List<String> knownClassNames,
            Standardizer standardizer,
            NclNetwork network,
            float novelOffset,
            NDManager manager,
            Device device,
            NclProvenance provenance) {
        this.options = options;
        this.encoderType = encoderType;
        this.sampleShape = sampleShape.clone();
        this.featureNames = List.copyOf(featureNames);
        this.knownClassNames = List.copyOf(knownClassNames);
        this.standardizer = standardizer;
        this.network = network;
        this.novelOffset = novelOffset;
        this.manager = manager;
        this.device = device;
        this.provenance = provenance;
    }

    /** The settings the model was trained with. */
    public NclOptions options() {
        return options;
    }

    /** Where the model came from. */
    public NclProvenance provenance() {
        return provenance;
    }

    /** The encoder type used. */
    public EncoderType encoderType() {
        return encoderType;
    }

    /** Shape of one input row. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Feature names of the training data. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Known class names (outputs 0..C_l-1). */
    public List<String> knownClassNames() {
        return knownClassNames;
    }

    /** Number of novel clusters C_u. */
    public int numNovelClasses() {
        return options.numNovelClasses();
    }

    /** Names of all outputs: the known class names, then "novel-0" .. "novel-(C_u-1)". */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>(knownClassNames);
        for (int k = 0; k < numNovelClasses(); k++) {
            names.add(novelName(k));
        }
        return names;
    }

    /** The name of novel cluster k. */
    public static String novelName(int k) {
        return "novel-" + k;
    }

    /** The standardisation applied before the network. */
    public Standardizer standardizer() {
        return standardizer;
    }

    /**
     * The offset added to the novel head's logits in the task-agnostic decision of {@link #predict}
     * (fitted after training, see {@link org.ncl.core.train.TaskAgnosticCalibration}).
     */
    public float novelLogitOffset() {
        return novelOffset;
    }

    /** The network (for exporters). */
    public NclNetwork network() {
        return network;
    }

    /** Predicts every row of {@code data} (its labels and ground truth are ignored). */
    public List<NclPrediction> predict(DiscoveryData data) {
        checkShape(data.sampleShape());
        return predict(data.features());
    }

    /**
     * Predicts raw (not standardised) row-major rows of {@link #sampleShape()}: the network's logits decided by
     * {@link NclPrediction#fromOutputs} with this model's {@link #novelLogitOffset()}.
     */
    public List<NclPrediction> predict(float[] rows) {
        return NclPrediction.fromOutputs(outputs(rows), novelOffset, knownClassNames);
    }

    /** Features and both heads' logits for raw rows. */
    public Inference.Outputs outputs(float[] rows) {
        int size = 1;
        for (int s : sampleShape) {
            size *= s;
        }
        if (rows.length == 0 || rows.length % size != 0) {
            throw new IllegalArgumentException(
                    "input of " + rows.length + " values is not a whole, non-zero number of rows of shape "
                            + Arrays.toString(sampleShape) + " (" + size + " values each)");
        }
        for (int i = 0; i < rows.length; i++) {
            if (!Float.isFinite(rows[i])) {
                throw new IllegalArgumentException("row " + (i / size) + ", feature " + featureNames.get(i % size)
                        + " is " + rows[i] + "; every value must be a finite number");
            }
        }
        return Inference.run(network, manager, device, standardizer.apply(rows), sampleShape, 512);
    }

    /** The features f (n &times; D, row-major) of raw rows. */
    public float[] embed(float[] rows) {
        return outputs(rows).features();
    }

    private void checkShape(int[] shape) {
        if (!Arrays.equals(shape, sampleShape)) {
            throw new IllegalArgumentException("rows have shape " + Arrays.toString(shape)
                    + " but the model was trained on " + Arrays.toString(sampleShape));
        }
    }

    // ---- persistence ------------------------------------------------------------------------

    /** Writes the model to one file, atomically (a good file at {@code path} is never half-overwritten). */
    public void save(Path path) throws IOException {
        AtomicFiles.write(path, this::save);
    }

    /**
     * Writes the model file's bytes to {@code out} (not closed), the same bytes {@link #save(Path)} writes
     * to a file; {@link #load(InputStream, String)} reads them back.
     */
    public void save(OutputStream out) throws IOException {
        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", ModelFile.FORMAT);
        manifest.addProperty("formatVersion", ModelFile.VERSION);
        manifest.add("sampleShape", GSON.toJsonTree(sampleShape));
        manifest.addProperty("encoder", encoderType.name());
        manifest.add("knownClassNames", GSON.toJsonTree(knownClassNames));
        manifest.add("featureNames", GSON.toJsonTree(featureNames));
        JsonObject std = new JsonObject();
        std.add("mean", GSON.toJsonTree(standardizer.mean()));
        std.add("std", GSON.toJsonTree(standardizer.std()));
        manifest.add("standardizer", std);
        manifest.addProperty("novelLogitOffset", novelOffset);
        manifest.add("options", GSON.toJsonTree(options.toMap()));
        manifest.add("provenance", GSON.toJsonTree(provenance));
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        network.saveParameters(new DataOutputStream(params));
        ModelFile.write(out, GSON.toJson(manifest), params.toByteArray());
    }

    /** Loads a model written by {@link #save}, on the device the options' device choice resolves to here. */
    public static NclModel load(Path path) throws IOException {
        try (InputStream in = ModelFile.open(path)) {
            return load(in, path.toString());
        }
    }

    /**
     * Loads a model from the bytes {@link #save(OutputStream)} wrote; errors name the source as "model stream".
     * {@code in} is not closed.
     */
    public static NclModel load(InputStream in) throws IOException {
        return load(in, "model stream");
    }

    /**
     * Loads a model from the bytes {@link #save(OutputStream)} wrote, on the device the options' device
     * choice resolves to here. {@code in} is not closed; {@code sourceName} (a file name, a URL ...) names
     * the source in the messages of what fails.
     */
    public static NclModel load(InputStream in, String sourceName) throws IOException {
        ModelLoader loader = new ModelLoader(sourceName);
        try {
            ModelFile.Contents contents = ModelFile.read(in, sourceName, loader::prepare);
            return loader.finish(contents.parameters());
        } catch (RuntimeException e) {
            // whatever a damaged file still gets past the checks is a damaged file, not a programming error
            throw new IOException(sourceName + ": the model file is damaged: " + e, e);
        } finally {
            loader.closeUnlessDone();
        }
    }

    static Map<String, Shape> parameterShapes(NclNetwork network) {
        Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : network.getParameters()) {
            shapes.put(p.getKey(), p.getValue().getArray().getShape());
        }
        return shapes;
    }

    /** Releases the native memory of the network. */
    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "NclModel{encoder=" + encoderType + ", known=" + knownClassNames + ", novelClusters=" + numNovelClasses()
                + ", trainedOn=" + provenance.data().rows() + " rows, selectedEpoch=" + (provenance.selectedEpoch() + 1)
                + "}";
    }
}
