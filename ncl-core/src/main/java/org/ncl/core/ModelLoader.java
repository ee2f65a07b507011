// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.MLP_HIDDEN_SIZES;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncl.core.data.Standardizer;
import org.ncl.core.io.ModelFile;
import org.ncl.core.io.Text;
import org.ncl.core.nn.Encoders;
import org.ncl.core.nn.Inference;
import org.ncl.core.nn.NclNetwork;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import org.ncl.core.tensor.ParameterValues;

/**
 * Loads a model file as untrusted input, for {@link NclModel#load(java.io.InputStream, String)}. Every value
 * of the manifest is checked as strictly as a setting a user types; the network the manifest describes is
 * bounded ({@link ModelFile#MAX_PARAMETER_BYTES}) before it is built; {@code network.params} may inflate to
 * exactly what that network encodes to, and must match its layout (every block header, parameter name, data
 * type and shape) byte for byte before DJL decodes it, so no declared length or shape in the file is ever
 * allocated. Every refusal is an IOException naming the source and what is wrong.
 */
final class ModelLoader {

    private static final Gson GSON = new Gson();
    /** A float whose four bytes are all 0x3F: every data byte differs from the zeros template's. */
    private static final float MARK = Float.intBitsToFloat(0x3F3F3F3F);
    /** A lower bound on the parameter count of the CIFAR ResNet-18 with 1 input channel and no heads. */
    private static final long RESNET18_MIN_PARAMETERS = 11_000_000L;

    private final String source;
    private NclOptions options;
    private int[] shape;
    private EncoderType type;
    private List<String> known;
    private List<String> features;
    private Standardizer standardizer;
    private NclProvenance provenance;
    private float offset;
    private NDManager manager;
    private Device device;
    private NclNetwork network;
    private byte[] zeros;
    private byte[] marks;
    private boolean done;

    ModelLoader(String source) {
        this.source = source;
    }

    private IOException damaged(String what) {
        return new IOException(source + ": " + what);
    }

    /** Checks the manifest, builds the network it describes and returns the exact size of its parameters. */
    long prepare(String manifestJson) throws IOException {
        JsonObject m = parseManifest(manifestJson);
        int version = intValue(m, "formatVersion");
        if (version < 1 || version > ModelFile.VERSION) {
            throw new IOException(source + " has model format version " + version + "; this library reads versions 1.."
                    + ModelFile.VERSION + " (upgrade the library)");
        }
        Map<String, String> optionMap = stringMap(required(m, "options"), "options");
        try {
            options = NclOptions.fromMap(optionMap);
        } catch (RuntimeException e) {
            throw damaged("the manifest's options are invalid: " + Text.escape(e.getMessage()));
        }
        shape = sampleShape(required(m, "sampleShape"));
        String encoder = string(m, "encoder");
        try {
            type = EncoderType.valueOf(encoder);
            if (Encoders.resolve(type, shape) != type) {
                throw new IllegalArgumentException("an unresolved encoder type");
            }
        } catch (IllegalArgumentException e) {
            throw damaged("the manifest's field 'encoder' = '" + Text.escape(encoder)
                    + "' is invalid for rows of shape " + Arrays.toString(shape) + ": " + Text.escape(e.getMessage()));
        }
        known = names(m, "knownClassNames");
        features = names(m, "featureNames");
        long size = 1;
        for (int s : shape) {
            size *= s; // each at most 2^31 - 1 and the product checked below: no overflow of a long for 3 dims
        }
        if (features.size() != size) {
            throw damaged("the manifest's field 'featureNames' holds " + features.size()
                    + " names but rows of shape 'sampleShape' " + Arrays.toString(shape) + " have " + size
                    + " features");
        }
        JsonObject std = object(required(m, "standardizer"), "standardizer");
        try {
            standardizer = new Standardizer(
                    shape,
                    floats(required(std, "mean"), "standardizer.mean"),
                    floats(required(std, "std"), "standardizer.std"));
        } catch (IllegalArgumentException e) {
            throw damaged("the manifest's field 'standardizer' is invalid: " + Text.escape(e.getMessage()));
        }
        provenance = provenance(required(m, "provenance"));
        // absent in files written before the calibration existed: their predict used no offset
        offset = m.has("novelLogitOffset") ? finiteFloat(m.get("novelLogitOffset"), "novelLogitOffset") : 0f;
        return buildNetwork();
    }

    private long buildNetwork() throws IOException {
        long needed = minParameterValues();
        if (needed > ModelFile.MAX_PARAMETER_BYTES / 4) {
            throw damaged("the architecture in the manifest (" + type + ", rows " + Arrays.toString(shape) + ", "
                    + known.size() + " known classes, options " + options.get(MLP_HIDDEN_SIZES) + "/" + "embeddingDim "
                    + Encoders.outputDim(type, options) + ", " + options.numNovelClasses() + " novel classes) needs at"
                    + " least " + needed + " parameter values, past the bound of " + ModelFile.MAX_PARAMETER_BYTES
                    + " bytes of parameters");
        }
        Engine engine = Djl.engine();
        device = Djl.device(
                options.get(DEVICE) == DeviceChoice.GPU && engine.getGpuCount() == 0
                        ? DeviceChoice.CPU
                        : options.get(DEVICE));
        manager = NDManager.newBaseManager(device, engine.getEngineName());
        network = new NclNetwork(Encoders.create(type, shape, options), known.size(), options.numNovelClasses());
        // the batch size the trainer initialises with (NclTrainer): the recorded input shapes then match
        network.initialize(manager, DataType.FLOAT32, Inference.batchShape(2, shape));
        zeros = encodeFilled(0f);
        marks = encodeFilled(MARK);
        if (zeros.length != marks.length) {
            throw new IllegalStateException("the parameter encoding's length depends on the values");
        }
        return zeros.length;
    }

    /** The network's parameter encoding with every value set to {@code value}. */
    private byte[] encodeFilled(float value) throws IOException {
        for (Pair<String, Parameter> p : network.getParameters()) {
            NDArray a = p.getValue().getArray();
            if (a.getDataType() != DataType.FLOAT32) {
                throw new IllegalStateException("parameter " + p.getKey() + " is " + a.getDataType());
            }
            float[] filled = new float[Math.toIntExact(a.size())];
            Arrays.fill(filled, value);
            ParameterValues.set(a, filled);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        network.saveParameters(new DataOutputStream(out));
        return out.toByteArray();
    }

    /**
     * A lower bound on the number of parameter values of the network: the weights of the Linear layers (and
     * the fixed part of ResNet-18), which is what grows with the manifest's numbers.
     */
    private long minParameterValues() {
        long d = Encoders.outputDim(type, options);
        long values = d * (known.size() + (long) options.numNovelClasses());
        switch (type) {
            case MLP -> {
                long in = 1;
                for (int s : shape) {
                    in *= s;
                }
                for (int h : options.get(MLP_HIDDEN_SIZES)) {
                    values = saturatingAdd(values, saturatingMultiply(in, h));
                    in = h;
                }
                values = saturatingAdd(values, saturatingMultiply(in, d));
            }
            case SMALL_CNN -> {
                // three 3x3 convolutions (16, 32, 64 filters) and two 2x2 poolings, then Linear(flat -> D)
                long flat = 4L * org.ncl.core.nn.SmallCnn.DEFAULT_BASE_WIDTH * (shape[1] / 4) * (shape[2] / 4);
                values = saturatingAdd(values, 9L * org.ncl.core.nn.SmallCnn.DEFAULT_BASE_WIDTH * shape[0]);
                values = saturatingAdd(values, saturatingMultiply(flat, d));
            }
            case RESNET18 -> values = saturatingAdd(values, RESNET18_MIN_PARAMETERS + 9L * 64 * shape[0]);
            default -> throw new IllegalStateException("unresolved encoder type " + type);
        }
        return values;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatingMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** Checks the parameters against the prepared network's layout, then loads them. */
    NclModel finish(byte[] params) throws IOException {
        if (params.length != zeros.length) {
            throw damaged("entry 'network.params' holds " + params.length + " bytes but the architecture in the"
                    + " manifest encodes to " + zeros.length + " bytes (its layout does not match)");
        }
        for (int i = 0; i < params.length; i++) {
            if (zeros[i] == marks[i] && params[i] != zeros[i]) {
                throw damaged("entry 'network.params' does not match the parameter layout (block headers, names,"
                        + " types, shapes) that the architecture in the manifest needs, at byte " + i + " of "
                        + params.length);
            }
        }
        Map<String, Shape> expected = NclModel.parameterShapes(network);
        try {
            network.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(params)));
        } catch (MalformedModelException e) {
            throw damaged("entry 'network.params' does not match the recorded architecture: " + e.getMessage());
        }
        Map<String, Shape> loaded = NclModel.parameterShapes(network);
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            if (!e.getValue().equals(loaded.get(e.getKey()))) {
                throw damaged("parameter '" + e.getKey() + "' has shape " + loaded.get(e.getKey())
                        + " but the recorded architecture needs " + e.getValue());
            }
        }
        for (Pair<String, Parameter> p : network.getParameters()) {
            float[] values = p.getValue().getArray().toFloatArray();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw damaged("parameter '" + p.getKey() + "' holds " + values[i] + " (NaN or infinite) at index "
                            + i + "; every parameter must be a finite number");
                }
            }
        }
        NclModel model = new NclModel(
                options, type, shape, features, known, standardizer, network, offset, manager, device, provenance);
        done = true;
        return model;
    }

    /** Frees the network's native memory if no model took it over. */
    void closeUnlessDone() {
        if (!done && manager != null) {
            manager.close();
        }
    }

    // ---- the manifest's values ------------------------------------------------------------

    private JsonObject parseManifest(String json) throws IOException {
        JsonElement root;
        try {
            root = GSON.fromJson(json, JsonElement.class);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
            throw damaged("the manifest is not valid JSON: " + Text.escape(e.getMessage()));
        }
        if (root == null || !root.isJsonObject()) {
            throw new IOException(source + " is not an NCL model file (the manifest is not a JSON object)");
        }
        JsonObject m = root.getAsJsonObject();
        JsonElement format = m.get("format");
        if (format == null
                || !format.isJsonPrimitive()
                || !format.getAsJsonPrimitive().isString()
                || !ModelFile.FORMAT.equals(format.getAsString())) {
            throw new IOException(
                    source + " is not an NCL model file (format field missing or not '" + ModelFile.FORMAT + "')");
        }
        return m;
    }

    private JsonElement required(JsonObject o, String field) throws IOException {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw damaged("the manifest lacks the field '" + field + "'");
        }
        return e;
    }

    private static String kind(JsonElement e) {
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "a string" : p.isNumber() ? "a number" : "a boolean";
    }

    private IOException wrongType(String field, String wanted, JsonElement e) {
        String value = e.toString();
        if (value.length() > 60) {
            value = value.substring(0, 60) + "...";
        }
        return damaged("the manifest's field '" + field + "' should be " + wanted + " but is " + kind(e) + " ("
                + Text.escape(value) + ")");
    }

    private String string(JsonObject o, String field) throws IOException {
        JsonElement e = required(o, field);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw wrongType(field, "a string", e);
        }
        return e.getAsString();
    }

    private JsonObject object(JsonElement e, String field) throws IOException {
        if (!e.isJsonObject()) {
            throw wrongType(field, "an object", e);
        }
        return e.getAsJsonObject();
    }

    private JsonArray array(JsonElement e, String field) throws IOException {
        if (!e.isJsonArray()) {
            throw wrongType(field, "an array", e);
        }
        return e.getAsJsonArray();
    }

    private int intValue(JsonObject o, String field) throws IOException {
        return intValue(required(o, field), field);
    }

    private int intValue(JsonElement e, String field) throws IOException {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw wrongType(field, "a whole number", e);
        }
        try {
            return new BigDecimal(e.getAsString()).intValueExact();
        } catch (ArithmeticException | NumberFormatException x) {
            throw wrongType(field, "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, e);
        }
    }

    private float finiteFloat(JsonElement e, String field) throws IOException {
        float v;
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            v = e.getAsFloat();
        } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            // Gson writes NaN and the infinities as bare words that read back as strings
            throw damaged("the manifest's field '" + field + "' is " + Text.escape(e.getAsString())
                    + "; it must be a finite number");
        } else {
            throw wrongType(field, "a finite number", e);
        }
        if (!Float.isFinite(v)) {
            throw damaged("the manifest's field '" + field + "' is " + e + " (" + v + " as a float); it must be a"
                    + " finite number");
        }
        return v;
    }

    private float[] floats(JsonElement e, String field) throws IOException {
        JsonArray a = array(e, field);
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = finiteFloat(a.get(i), field + "[" + i + "]");
        }
        return v;
    }

    private int[] sampleShape(JsonElement e) throws IOException {
        JsonArray a = array(e, "sampleShape");
        if (a.size() != 1 && a.size() != 3) {
            throw damaged("the manifest's field 'sampleShape' has " + a.size()
                    + " dimensions; rows are vectors [features] or images [channels, height, width]");
        }
        int[] s = new int[a.size()];
        long product = 1;
        for (int i = 0; i < s.length; i++) {
            s[i] = intValue(a.get(i), "sampleShape[" + i + "]");
            if (s[i] < 1) {
                throw damaged("the manifest's field 'sampleShape' is " + a + "; every dimension must be at least 1");
            }
            product *= s[i];
            if (product > Integer.MAX_VALUE) {
                throw damaged("the manifest's field 'sampleShape' is " + a + "; a row of more than " + Integer.MAX_VALUE
                        + " values cannot be held");
            }
        }
        return s;
    }

    private List<String> names(JsonObject m, String field) throws IOException {
        JsonArray a = array(required(m, field), field);
        List<String> names = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw wrongType(field + "[" + i + "]", "a string", e);
            }
            String name = e.getAsString();
            if (Text.hasControl(name)) {
                throw damaged("the manifest's field '" + field + "' holds the name '" + Text.escape(name)
                        + "' with control characters");
            }
            names.add(name);
        }
        return names;
    }

    private Map<String, String> stringMap(JsonElement e, String field) throws IOException {
        JsonObject o = object(e, field);
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
            JsonElement v = entry.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw wrongType(field + "." + Text.escape(entry.getKey()), "a string", v);
            }
            map.put(entry.getKey(), v.getAsString());
        }
        return map;
    }

    private NclProvenance provenance(JsonElement e) throws IOException {
        object(e, "provenance");
        NclProvenance p;
        try {
            p = GSON.fromJson(e, NclProvenance.class);
        } catch (RuntimeException x) {
            throw damaged(
                    "the manifest's field 'provenance' is damaged: " + Text.escape(String.valueOf(x.getMessage())));
        }
        if (p.data() == null) {
            throw damaged("the manifest's field 'provenance' lacks its 'data' summary");
        }
        return p;
    }
}
