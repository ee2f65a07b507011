// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ncl.core.NclModel;
import org.ncl.core.io.OnnxNames;

/**
 * A trained NCL model (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021) in
 * its ONNX export ({@code ncl export-onnx}, or tribuo-ncl's {@code OnnxExport}), with what its metadata and outputs
 * say: the feature names in the model's column order, the known class names, the number of novel clusters and the
 * novel-logit offset of the task-agnostic decision. The bytes travel to Spark executors (it is {@link Serializable});
 * {@link #openScorer(int)} runs them there under ONNX Runtime, without PyTorch.
 *
 * <p>Reading checks the export once, on the driver: an ONNX model that ONNX Runtime cannot load, or one without the
 * heads' logits and the offset (an export of an older version), fails here with a message naming its source.
 */
public final class NclOnnxModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[] onnx;
    private final String source;
    private final List<String> featureNames;
    private final List<String> knownClassNames;
    private final int numNovelClasses;
    private final float novelOffset;

    private NclOnnxModel(
            byte[] onnx,
            String source,
            List<String> featureNames,
            List<String> knownClassNames,
            int numNovelClasses,
            float novelOffset) {
        this.onnx = onnx;
        this.source = source;
        this.featureNames = featureNames;
        this.knownClassNames = knownClassNames;
        this.numNovelClasses = numNovelClasses;
        this.novelOffset = novelOffset;
    }

    /**
     * Reads an exported model from a file.
     *
     * @param file the {@code .onnx} file
     * @return the model
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not an NCL model export ONNX Runtime can load
     */
    public static NclOnnxModel read(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads an exported model from its bytes.
     *
     * @param onnx the bytes of the {@code .onnx} file (kept, not copied)
     * @param source where they came from, for messages
     * @return the model
     * @throws IllegalArgumentException if they are not an NCL model export ONNX Runtime can load
     */
    public static NclOnnxModel fromBytes(byte[] onnx, String source) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(onnx, options)) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            List<String> features = lines(meta, OnnxNames.FEATURE_NAMES_KEY, source);
            List<String> outputs = lines(meta, OnnxNames.OUTPUT_NAMES_KEY, source);
            float offset = parseOffset(meta, source);
            Map<String, NodeInfo> outputInfo = session.getOutputInfo();
            int cl = width(outputInfo, OnnxNames.KNOWN_LOGITS, source);
            int cu = width(outputInfo, OnnxNames.NOVEL_LOGITS, source);
            int in = width(session.getInputInfo(), OnnxNames.INPUT, source);
            if (in != features.size() || outputs.size() != cl + cu) {
                throw new IllegalArgumentException(source + ": the graph takes " + in + " features and has " + cl
                        + " + " + cu + " head outputs, but its metadata names " + features.size() + " features and "
                        + outputs.size() + " outputs");
            }
            for (int k = 0; k < cu; k++) {
                if (!outputs.get(cl + k).equals(NclModel.novelName(k))) {
                    throw new IllegalArgumentException(source + ": output " + (cl + k) + " is '" + outputs.get(cl + k)
                            + "', expected '" + NclModel.novelName(k) + "'");
                }
            }
            return new NclOnnxModel(onnx, source, features, List.copyOf(outputs.subList(0, cl)), cu, offset);
        } catch (OrtException e) {
            throw new IllegalArgumentException(
                    source + " is not an ONNX model ONNX Runtime can load: " + e.getMessage(), e);
        }
    }

    private static List<String> lines(Map<String, String> meta, String key, String source) {
        String value = meta.get(key);
        if (value == null) {
            throw missing(source, "metadata '" + key + "'");
        }
        return List.of(value.split("\n", -1));
    }

    private static float parseOffset(Map<String, String> meta, String source) {
        String value = meta.get(OnnxNames.NOVEL_OFFSET_KEY);
        if (value == null) {
            throw missing(source, "metadata '" + OnnxNames.NOVEL_OFFSET_KEY + "'");
        }
        try {
            float offset = Float.parseFloat(value);
            if (!Float.isFinite(offset)) {
                throw new NumberFormatException("not finite");
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    source + ": metadata '" + OnnxNames.NOVEL_OFFSET_KEY + "' is '" + value + "', not a finite number",
                    e);
        }
    }

    private static int width(Map<String, NodeInfo> nodes, String name, String source) {
        NodeInfo node = nodes.get(name);
        if (node == null) {
            throw missing(source, "graph value '" + name + "'");
        }
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 2) {
            throw new IllegalArgumentException(
                    source + ": graph value '" + name + "' is " + node.getInfo() + ", expected a [batch, n] tensor");
        }
        long n = tensor.getShape()[1];
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": graph value '" + name + "' has shape "
                    + Arrays.toString(tensor.getShape()) + ", expected a fixed second dimension");
        }
        return (int) n;
    }

    private static IllegalArgumentException missing(String source, String what) {
        return new IllegalArgumentException(source + " has no " + what + ": it is not an NCL model export of this "
                + "version (write it again with `ncl export-onnx`)");
    }

    /** The bytes of the ONNX model (not a copy). */
    byte[] onnx() {
        return onnx;
    }

    /** Where the model was read from. */
    public String source() {
        return source;
    }

    /** The feature names, in the model's column order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The known class names (outputs 0..C_l-1). */
    public List<String> knownClassNames() {
        return knownClassNames;
    }

    /** The number of novel clusters C_u. */
    public int numNovelClasses() {
        return numNovelClasses;
    }

    /** The offset added to the novel logits in the known-or-novel decision. */
    public float novelLogitOffset() {
        return novelOffset;
    }

    /** The size of the ONNX model in bytes. */
    public int sizeInBytes() {
        return onnx.length;
    }

    /**
     * Opens an ONNX Runtime session on this model.
     *
     * @param threads the session's intra-op threads (1 where Spark already runs one task per core)
     * @return the scorer; close it
     */
    public OnnxScorer openScorer(int threads) {
        return new OnnxScorer(this, threads);
    }

    @Override
    public String toString() {
        return "NclOnnxModel{source=" + source + ", features=" + featureNames.size() + ", known=" + knownClassNames
                + ", novelClusters=" + numNovelClasses + ", novelLogitOffset=" + novelOffset + "}";
    }
}
