// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ncl.core.NclPrediction;
import org.ncl.tribuo.onnx.NclOnnxGraph;
import org.ncl.tribuo.protos.NclModelProto;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.interop.ExternalDatasetProvenance;
import org.tribuo.interop.ExternalTrainerProvenance;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A trained NCL model (Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning for Novel Class
 * Discovery", CVPR 2021) as a Tribuo {@link Model}: each example gets a known label or a discovered
 * {@code novel-k} label, with a probability for every label of the output domain (known labels + {@code novel-0 ..
 * novel-(k-1)}); the decision is the core's task-agnostic one (argmax over both heads, the novel logits shifted by
 * the calibrated offset), the scores are the softmax over those logits.
 *
 * <p>The core model is held as its saved file (the bytes {@link org.ncl.core.NclModel#save(java.io.OutputStream)}
 * writes, read back in memory by {@link org.ncl.core.NclModel#load(java.io.InputStream, String)}); a loaded copy,
 * which holds native memory, is kept in a transient field and (re)loaded lazily, for example after Java or
 * protobuf deserialization. {@link #close()} releases it (a later prediction loads it again).
 *
 * <p>Features: missing features are 0 and features the model never saw are ignored (Tribuo semantics); an example
 * with none of the model's features is rejected. Serialization: Tribuo 4.3 protobuf ({@link #serialize()},
 * {@link #deserializeFromProto}) and Java serialization. ONNX: {@link #exportONNXModel} writes standardisation,
 * encoder and both heads; its output is this model's score vector in output-id order.
 */
public final class NclModel extends Model<Label> implements ONNXExportable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    /** Protobuf serialization version. */
    public static final int CURRENT_VERSION = 0;

    private final byte[] coreModelBytes;
    private final int[] columnOfFeatureId;
    private final int[] coreOutputOfId;
    private final int numKnown;

    private transient org.ncl.core.NclModel core;

    private NclModel(
            String name,
            ModelProvenance provenance,
            ImmutableFeatureMap featureIDMap,
            ImmutableOutputInfo<Label> outputIDInfo,
            byte[] coreModelBytes,
            int[] columnOfFeatureId,
            int[] coreOutputOfId,
            int numKnown,
            org.ncl.core.NclModel core) {
        super(name, provenance, featureIDMap, outputIDInfo, true);
        if (columnOfFeatureId.length != featureIDMap.size()) {
            throw new IllegalArgumentException("feature mapping has " + columnOfFeatureId.length
                    + " entries but the feature map has " + featureIDMap.size() + " features");
        }
        if (coreOutputOfId.length != outputIDInfo.size()) {
            throw new IllegalArgumentException("output mapping has " + coreOutputOfId.length
                    + " entries but the output domain has " + outputIDInfo.size() + " labels");
        }
        checkPermutation("feature mapping", columnOfFeatureId, columnOfFeatureId.length);
        if (numKnown < 1 || numKnown >= coreOutputOfId.length) {
            throw new IllegalArgumentException("number of known classes " + numKnown
                    + " does not fit an output domain of " + coreOutputOfId.length + " labels");
        }
        checkPermutation("output mapping", coreOutputOfId, coreOutputOfId.length);
        this.coreModelBytes = coreModelBytes;
        this.columnOfFeatureId = columnOfFeatureId;
        this.coreOutputOfId = coreOutputOfId;
        this.numKnown = numKnown;
        this.core = core;
    }

    private static void checkPermutation(String what, int[] map, int n) {
        boolean[] seen = new boolean[n];
        for (int v : map) {
            if (v < 0 || v >= n || seen[v]) {
                throw new IllegalArgumentException(
                        what + " " + java.util.Arrays.toString(map) + " is not a permutation of 0.." + (n - 1));
            }
            seen[v] = true;
        }
    }

    /**
     * Wraps a trained core model (ownership passes to the returned model, which closes it in {@link #close()}).
     *
     * @param knownCounts training rows per known class, used as the label counts of the output domain (novel labels
     *                    get a count of 1)
     */
    static NclModel create(
            String name,
            ModelProvenance provenance,
            ImmutableFeatureMap featureMap,
            org.ncl.core.NclModel core,
            Map<String, Integer> knownCounts) {
        return create(name, provenance, featureMap, core, coreBytes(core), knownCounts);
    }

    private static NclModel create(
            String name,
            ModelProvenance provenance,
            ImmutableFeatureMap featureMap,
            org.ncl.core.NclModel core,
            byte[] bytes,
            Map<String, Integer> knownCounts) {
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        for (String known : core.knownClassNames()) {
            int count = Math.max(1, knownCounts.getOrDefault(known, 1));
            Label l = new Label(known);
            for (int c = 0; c < count; c++) {
                info.observe(l);
            }
        }
        for (int k = 0; k < core.numNovelClasses(); k++) {
            info.observe(new Label(org.ncl.core.NclModel.novelName(k)));
        }
        ImmutableOutputInfo<Label> outputInfo = info.generateImmutableOutputInfo();
        List<String> outputNames = core.outputNames();
        int[] outputMap = new int[outputInfo.size()];
        for (Pair<Integer, Label> p : outputInfo) {
            int idx = outputNames.indexOf(p.getB().getLabel());
            if (idx < 0) {
                throw new IllegalStateException(
                        "label " + p.getB() + " is not an output of the core model " + outputNames);
            }
            outputMap[p.getA()] = idx;
        }
        List<String> coreFeatures = core.featureNames();
        Map<String, Integer> column = new HashMap<>();
        for (int j = 0; j < coreFeatures.size(); j++) {
            if (column.put(coreFeatures.get(j), j) != null) {
                throw new IllegalArgumentException(
                        "the core model has the feature name '" + coreFeatures.get(j) + "' twice");
            }
        }
        int[] featureMapping = new int[featureMap.size()];
        for (int id = 0; id < featureMap.size(); id++) {
            Integer j = column.get(featureMap.get(id).getName());
            if (j == null) {
                throw new IllegalArgumentException(
                        "feature '" + featureMap.get(id).getName() + "' is not an input of the core model");
            }
            featureMapping[id] = j;
        }
        if (featureMap.size() != coreFeatures.size()) {
            throw new IllegalArgumentException("the feature map has " + featureMap.size()
                    + " features but the core model has " + coreFeatures.size() + " inputs");
        }
        return new NclModel(
                name,
                provenance,
                featureMap,
                outputInfo,
                bytes,
                featureMapping,
                outputMap,
                core.knownClassNames().size(),
                core);
    }

    /**
     * Wraps a core model trained elsewhere (for example by the command line) as a Tribuo model, so it can be used
     * through Tribuo's API or exported to ONNX. The feature map is built from {@link org.ncl.core.NclModel#featureNames()}
     * (Tribuo gives ids in name order; the columns are mapped by name), the provenance is external (the core model
     * file's hash) with the core's run facts in the run provenance. The core model stays owned by the caller:
     * the returned model works on its own copy.
     *
     * @param core a trained core model
     * @return the Tribuo model
     */
    public static NclModel fromCore(org.ncl.core.NclModel core) {
        byte[] bytes = coreBytes(core);
        MutableFeatureMap fmap = new MutableFeatureMap();
        for (String f : core.featureNames()) {
            fmap.add(f, 0.0);
        }
        ImmutableFeatureMap featureMap = new ImmutableFeatureMap(fmap);
        Map<String, Provenance> run = new LinkedHashMap<>();
        NclTrainer.addRunMetrics(run, core);
        run.put(
                NclTrainer.RUN_PREFIX + "core-options",
                new StringProvenance(
                        NclTrainer.RUN_PREFIX + "core-options",
                        core.provenance().options().toString()));
        ModelProvenance provenance = new ModelProvenance(
                NclModel.class.getName(),
                OffsetDateTime.now(),
                new ExternalDatasetProvenance(
                        "ncl-core-training-data-" + core.provenance().data().sha256(),
                        new LabelFactory(),
                        false,
                        featureMap.size(),
                        core.outputNames().size()),
                new ExternalTrainerProvenance(bytes),
                run);
        return create("ncl-model", provenance, featureMap, loadCore(bytes), bytes, Map.of());
    }

    private static byte[] coreBytes(org.ncl.core.NclModel core) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            core.save(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the core model: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static org.ncl.core.NclModel loadCore(byte[] bytes) {
        try {
            return org.ncl.core.NclModel.load(new ByteArrayInputStream(bytes), "the stored core model");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the core model: " + e.getMessage(), e);
        }
    }

    /**
     * The core model (loaded on first use). Owned by this model: do not close it; call {@link #close()} instead.
     *
     * @return the loaded core model
     */
    public synchronized org.ncl.core.NclModel coreModel() {
        if (core == null) {
            core = loadCore(coreModelBytes);
        }
        return core;
    }

    /** A copy of the saved core model file's bytes (what {@link org.ncl.core.NclModel#load} reads). */
    public byte[] coreModelBytes() {
        return coreModelBytes.clone();
    }

    /** Releases the native memory of the loaded core model; a later prediction loads it again. */
    @Override
    public synchronized void close() {
        if (core != null) {
            core.close();
            core = null;
        }
    }

    /**
     * Whether a label is one of this model's discovered classes ({@code novel-k}).
     *
     * @param label a label (its score is ignored)
     * @return true for a novel label of this model's domain
     */
    public boolean isNovel(Label label) {
        int id = outputIDInfo.getID(label);
        return id >= 0 && coreOutputOfId[id] >= numKnown;
    }

    /** The known class names, sorted. */
    public Set<String> knownLabels() {
        Set<String> out = new TreeSet<>();
        for (Pair<Integer, Label> p : outputIDInfo) {
            if (coreOutputOfId[p.getA()] < numKnown) {
                out.add(p.getB().getLabel());
            }
        }
        return out;
    }

    /** The discovered class names {@code novel-0 ..}, in cluster order. */
    public List<String> novelLabels() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < outputIDInfo.size() - numKnown; k++) {
            out.add(org.ncl.core.NclModel.novelName(k));
        }
        return out;
    }

    /**
     * The feature mapping to give {@code ONNXExternalModel.createOnnxModel} for this model's ONNX export
     * (feature name to input column = Tribuo feature id).
     */
    public Map<String, Integer> onnxFeatureMapping() {
        Map<String, Integer> m = new HashMap<>();
        for (int id = 0; id < featureIDMap.size(); id++) {
            m.put(featureIDMap.get(id).getName(), id);
        }
        return m;
    }

    /** The output mapping to give {@code ONNXExternalModel.createOnnxModel} (label to output column = output id). */
    public Map<Label, Integer> onnxOutputMapping() {
        Map<Label, Integer> m = new HashMap<>();
        for (Pair<Integer, Label> p : outputIDInfo) {
            m.put(new Label(p.getB().getLabel()), p.getA());
        }
        return m;
    }

    // ---- prediction -----------------------------------------------------------------------------

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        return innerPredict(Collections.singletonList(example)).get(0);
    }

    @Override
    protected List<Prediction<Label>> innerPredict(Iterable<Example<Label>> examples) {
        List<Example<Label>> list = new ArrayList<>();
        examples.forEach(list::add);
        if (list.isEmpty()) {
            return new ArrayList<>();
        }
        Batch batch = batch(list);
        return toTribuo(list, batch.used, coreModel().predict(batch.rows));
    }

    /** Tribuo predictions from the core's: the core's label, and every label's probability. */
    private List<Prediction<Label>> toTribuo(List<Example<Label>> list, int[] used, List<NclPrediction> preds) {
        List<Prediction<Label>> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            NclPrediction p = preds.get(i);
            Map<String, Label> scores = new LinkedHashMap<>();
            for (int id = 0; id < coreOutputOfId.length; id++) {
                String name = outputIDInfo.getOutput(id).getLabel();
                scores.put(name, new Label(name, p.probabilities()[coreOutputOfId[id]]));
            }
            Label best = new Label(p.label(), p.probabilities()[p.index()]);
            out.add(new Prediction<>(best, scores, used[i], list.get(i), true));
        }
        return out;
    }

    /** Both views of one forward pass, for the evaluator. */
    record Both(List<Prediction<Label>> tribuo, List<NclPrediction> core) {}

    Both predictBoth(List<Example<Label>> list) {
        Batch batch = batch(list);
        List<NclPrediction> core = coreModel().predict(batch.rows);
        return new Both(toTribuo(list, batch.used, core), core);
    }

    /**
     * The core's full predictions (task-agnostic label plus each head's own answer) for examples, in order.
     *
     * @param examples the examples
     * @return one core prediction per example
     */
    public List<NclPrediction> predictCore(List<Example<Label>> examples) {
        if (examples.isEmpty()) {
            return List.of();
        }
        return coreModel().predict(batch(examples).rows);
    }

    private record Batch(float[] rows, int[] used) {}

    private Batch batch(List<Example<Label>> list) {
        int d = featureIDMap.size();
        float[] rows = new float[Math.multiplyExact(list.size(), d)];
        int[] used = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            for (Feature f : list.get(i)) {
                int id = featureIDMap.getID(f.getName());
                if (id >= 0) {
                    rows[i * d + columnOfFeatureId[id]] = (float) f.getValue();
                    used[i]++;
                }
            }
            if (used[i] == 0) {
                throw new IllegalArgumentException("No features found in Example " + list.get(i)
                        + " (none of its feature names is one of the model's " + d + " features)");
            }
        }
        return new Batch(rows, used);
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected NclModel copy(String newName, ModelProvenance newProvenance) {
        return new NclModel(
                newName,
                newProvenance,
                featureIDMap,
                outputIDInfo,
                coreModelBytes.clone(),
                columnOfFeatureId.clone(),
                coreOutputOfId.clone(),
                numKnown,
                null);
    }

    // ---- protobuf -------------------------------------------------------------------------------

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<Label> carrier = createDataCarrier();
        NclModelProto.Builder b = NclModelProto.newBuilder()
                .setMetadata(carrier.serialize().toByteString())
                .setCoreModel(ByteString.copyFrom(coreModelBytes))
                .setNumKnown(numKnown);
        for (int c : columnOfFeatureId) {
            b.addColumnOfFeatureId(c);
        }
        for (int c : coreOutputOfId) {
            b.addCoreOutputOfId(c);
        }
        return ModelProto.newBuilder()
                .setSerializedData(Any.pack(b.build()))
                .setClassName(NclModel.class.getName())
                .setVersion(CURRENT_VERSION)
                .build();
    }

    /**
     * Deserialization factory (Tribuo 4.3 protobuf).
     *
     * @param version the version number
     * @param className the class name
     * @param message the serialized data
     * @return the model
     * @throws InvalidProtocolBufferException if the message is not an {@link NclModelProto}
     */
    public static NclModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException(
                    "Unknown version " + version + ", this class supports at most version " + CURRENT_VERSION);
        }
        NclModelProto proto = message.unpack(NclModelProto.class);
        ModelDataCarrier<?> carrier =
                ModelDataCarrier.deserialize(MovedClassNames.rewrite(ModelDataProto.parseFrom(proto.getMetadata())));
        if (!(carrier.outputDomain().getOutput(0) instanceof Label)) {
            throw new IllegalStateException("Invalid protobuf, output domain is not a label domain, found "
                    + carrier.outputDomain().getOutput(0).getClass());
        }
        @SuppressWarnings("unchecked") // checked above
        ImmutableOutputInfo<Label> outputDomain = (ImmutableOutputInfo<Label>) carrier.outputDomain();
        int[] columns = proto.getColumnOfFeatureIdList().stream()
                .mapToInt(Integer::intValue)
                .toArray();
        int[] outputs = proto.getCoreOutputOfIdList().stream()
                .mapToInt(Integer::intValue)
                .toArray();
        if (proto.getCoreModel().isEmpty()) {
            throw new IllegalStateException("Invalid protobuf, the core model is missing");
        }
        return new NclModel(
                carrier.name(),
                carrier.provenance(),
                carrier.featureDomain(),
                outputDomain,
                proto.getCoreModel().toByteArray(),
                columns,
                outputs,
                proto.getNumKnown(),
                null);
    }

    // ---- ONNX -----------------------------------------------------------------------------------

    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        ONNXContext context = new ONNXContext();
        context.setName("NCL-Model");
        ONNXPlaceholder input = context.floatInput(featureIDMap.size());
        ONNXPlaceholder output = context.floatOutput(outputIDInfo.size());
        writeONNXGraph(input).assignTo(output);
        return ONNXExportable.buildModel(context, domain, modelVersion, this);
    }

    /**
     * Writes the graph: input columns in feature-id order are reordered to the core's columns, then standardised,
     * encoded, scored by both heads (novel logits + offset), softmaxed, and the probabilities reordered to output ids.
     */
    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        ONNXContext context = input.onnxContext();
        ONNXRef<?> x = input;
        boolean identity = true;
        int[] idOfColumn = new int[columnOfFeatureId.length];
        for (int id = 0; id < columnOfFeatureId.length; id++) {
            idOfColumn[columnOfFeatureId[id]] = id;
            identity &= columnOfFeatureId[id] == id;
        }
        if (!identity) {
            x = x.apply(ONNXOperators.GATHER, context.array("ncl_feature_order", idOfColumn), Map.of("axis", 1));
        }
        ONNXNode probabilities = NclOnnxGraph.probabilities(context, x, coreModel());
        return probabilities.apply(
                ONNXOperators.GATHER, context.array("ncl_output_order", coreOutputOfId), Map.of("axis", 1));
    }

    @Override
    public String toString() {
        return "NclModel(name=" + name + ", known=" + knownLabels() + ", novel=" + novelLabels() + ", features="
                + featureIDMap.size() + ")";
    }
}
