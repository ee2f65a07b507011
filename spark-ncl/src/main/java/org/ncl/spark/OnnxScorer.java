// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ncl.core.NclPrediction;
import org.ncl.core.io.OnnxNames;
import org.ncl.core.nn.Inference;

/**
 * One ONNX Runtime session on an {@link NclOnnxModel}: it computes both heads' logits for raw rows and hands them to
 * the core's decision ({@link NclPrediction#fromOutputs}) with the model's novel-logit offset, so a row gets the known
 * class or novel cluster, confidence and task-aware novel cluster that {@link org.ncl.core.NclModel#predict(float[])}
 * gives it. Not thread-safe: one per partition (or per thread); close it.
 */
public final class OnnxScorer implements AutoCloseable {

    private static final Set<String> HEADS = Set.of(OnnxNames.KNOWN_LOGITS, OnnxNames.NOVEL_LOGITS);

    private final NclOnnxModel model;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;

    OnnxScorer(NclOnnxModel model, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, got " + threads);
        }
        this.model = model;
        this.env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        try {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            this.session = env.createSession(model.onnx(), opts);
        } catch (OrtException e) {
            opts.close();
            throw new IllegalStateException("ONNX Runtime cannot open " + model.source() + ": " + e.getMessage(), e);
        }
        this.options = opts;
    }

    /**
     * Predicts raw (not standardised) rows.
     *
     * @param rows row-major values, {@link NclOnnxModel#featureNames()} per row in that order
     * @return one prediction per row, in row order
     * @throws IllegalArgumentException if the values are not a whole, non-zero number of rows or one is not finite
     */
    public List<NclPrediction> predict(float[] rows) {
        int nf = model.featureNames().size();
        if (rows.length == 0 || rows.length % nf != 0) {
            throw new IllegalArgumentException("input of " + rows.length
                    + " values is not a whole, non-zero number of rows of " + nf + " features");
        }
        for (int i = 0; i < rows.length; i++) {
            if (!Float.isFinite(rows[i])) {
                throw new IllegalArgumentException(
                        "row " + (i / nf) + ", feature " + model.featureNames().get(i % nf) + " is " + rows[i]
                                + "; every value must be a finite number");
            }
        }
        int n = rows.length / nf;
        int cl = model.knownClassNames().size();
        int cu = model.numNovelClasses();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(rows), new long[] {n, nf});
                OrtSession.Result result = session.run(Map.of(OnnxNames.INPUT, input), HEADS)) {
            float[] known = values(result, OnnxNames.KNOWN_LOGITS, n * cl);
            float[] novel = values(result, OnnxNames.NOVEL_LOGITS, n * cu);
            Inference.Outputs out = new Inference.Outputs(n, 0, cl, cu, new float[0], known, novel);
            return NclPrediction.fromOutputs(out, model.novelLogitOffset(), model.knownClassNames());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + model.source() + ": " + e.getMessage(), e);
        }
    }

    private static float[] values(OrtSession.Result result, String name, int size) {
        OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow();
        FloatBuffer buffer = tensor.getFloatBuffer();
        if (buffer.remaining() != size) {
            throw new IllegalStateException(
                    "ONNX output '" + name + "' holds " + buffer.remaining() + " values, expected " + size);
        }
        float[] v = new float[size];
        buffer.get(v);
        return v;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not close its session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
