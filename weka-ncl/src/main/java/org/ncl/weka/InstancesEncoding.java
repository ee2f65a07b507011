// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ncl.core.data.DiscoveryData;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * How Weka {@link Instances} become the core's {@link DiscoveryData}, fitted once on the training data
 * and kept with the model so that new instances are encoded the same way.
 *
 * <ul>
 * <li>Features: every attribute except the known-label attribute and the ground-truth attribute.
 *     Numeric attributes are used as they are; a nominal attribute becomes one column per value
 *     (one-hot). String, date and relational attributes are rejected with a message naming them.</li>
 * <li>Missing feature values are imputed with values fitted on the training instances: the mean of a
 *     numeric attribute, the most frequent value of a nominal one (all-zero one-hot if it never has a
 *     value; 0 for a numeric attribute that is missing everywhere).</li>
 * <li>Known labels: the values of the named nominal known-label attribute; a missing value marks an
 *     unlabeled instance. The known classes are the attribute's values that label at least one
 *     instance, in the attribute's order.</li>
 * <li>Ground truth (optional, evaluation only): the values of another named nominal attribute.</li>
 * </ul>
 *
 * <p>Weka's filters Remove (label and truth), ReplaceMissingValues and NominalToBinary (with every value
 * transformed, so that a binary attribute also gives two columns) give the same columns, names and values where they
 * do the same thing ({@code InstancesEncodingTest} compares them), but they are not used: ReplaceMissingValues
 * weights its means and modes by instance weight (NCL ignores weights) and imputes the first value of a nominal
 * attribute that never has one (here: all zeros); NominalToBinary fails when a column name equals an attribute's name
 * (here: the core's default names); and fitted filters are stateful (input/output queues) and copy every instance,
 * where this class is immutable, writes floats directly, and is serialised in models saved before without them.
 *
 * <p>Novel class discovery as in Zhong et al., "Neighborhood Contrastive Learning for Novel Class
 * Discovery", CVPR 2021: labeled instances belong to the known classes, unlabeled ones are to be
 * partitioned into novel classes. Immutable and {@link Serializable} (it is part of Weka model files).
 */
public final class InstancesEncoding implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Instances header;
    private final int knownIndex;
    private final int truthIndex;
    private final int[] featureAttributes;
    private final int[] offsets;
    private final int numColumns;
    private final double[] fill;
    private final List<String> columnNames;
    private final List<String> knownClassNames;
    private final int[] knownValueToClass;
    private final int imputedValues;

    private InstancesEncoding(
            Instances header,
            int knownIndex,
            int truthIndex,
            int[] featureAttributes,
            int[] offsets,
            int numColumns,
            double[] fill,
            List<String> columnNames,
            List<String> knownClassNames,
            int[] knownValueToClass,
            int imputedValues) {
        this.header = header;
        this.knownIndex = knownIndex;
        this.truthIndex = truthIndex;
        this.featureAttributes = featureAttributes;
        this.offsets = offsets;
        this.numColumns = numColumns;
        this.fill = fill;
        this.columnNames = List.copyOf(columnNames);
        this.knownClassNames = List.copyOf(knownClassNames);
        this.knownValueToClass = knownValueToClass;
        this.imputedValues = imputedValues;
    }

    /**
     * Fits the encoding on training data.
     *
     * @param data the training instances (not modified)
     * @param knownLabelAttribute name of the nominal attribute with the known labels, or empty for none
     * @param groundTruthAttribute name of the nominal ground-truth attribute, or empty for none
     * @throws IllegalArgumentException naming the attribute when an attribute name does not match, an
     *                                  attribute has the wrong type, or no feature attribute is left
     */
    public static InstancesEncoding fit(Instances data, String knownLabelAttribute, String groundTruthAttribute) {
        int knownIndex = findNominal(data, knownLabelAttribute, "known-label attribute (option -known-label)");
        int truthIndex = findNominal(data, groundTruthAttribute, "ground-truth attribute (option -ground-truth)");
        if (knownIndex >= 0 && knownIndex == truthIndex) {
            throw new IllegalArgumentException(
                    "the known-label attribute and the ground-truth attribute are the same attribute '"
                            + data.attribute(knownIndex).name()
                            + "': the ground truth must be a separate attribute holding the true "
                            + "class of every instance");
        }
        checkAttributeTypes(data);
        List<Integer> features = new ArrayList<>();
        for (int a = 0; a < data.numAttributes(); a++) {
            if (a != knownIndex && a != truthIndex) {
                features.add(a);
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException(
                    "no feature attributes: every attribute is the known-label or the ground-truth "
                            + "attribute; NCL needs at least one numeric or nominal attribute to cluster on");
        }
        int[] featureAttributes = features.stream().mapToInt(Integer::intValue).toArray();
        double[] fill = new double[featureAttributes.length];
        int imputed = 0;
        for (int f = 0; f < featureAttributes.length; f++) {
            Attribute att = data.attribute(featureAttributes[f]);
            if (att.isNumeric()) {
                double sum = 0;
                int count = 0;
                for (int i = 0; i < data.numInstances(); i++) {
                    Instance inst = data.instance(i);
                    if (inst.isMissing(att)) {
                        imputed++;
                    } else {
                        sum += inst.value(att);
                        count++;
                    }
                }
                fill[f] = count == 0 ? 0 : sum / count;
            } else {
                int[] counts = new int[att.numValues()];
                for (int i = 0; i < data.numInstances(); i++) {
                    Instance inst = data.instance(i);
                    if (inst.isMissing(att)) {
                        imputed++;
                    } else {
                        counts[(int) inst.value(att)]++;
                    }
                }
                int mode = -1;
                for (int v = 0; v < counts.length; v++) {
                    if (counts[v] > 0 && (mode < 0 || counts[v] > counts[mode])) {
                        mode = v;
                    }
                }
                fill[f] = mode;
            }
        }

        List<String> knownNames = new ArrayList<>();
        if (knownIndex >= 0) {
            Attribute known = data.attribute(knownIndex);
            boolean[] used = new boolean[known.numValues()];
            for (int i = 0; i < data.numInstances(); i++) {
                Instance inst = data.instance(i);
                if (!inst.isMissing(knownIndex)) {
                    used[(int) inst.value(knownIndex)] = true;
                }
            }
            for (int v = 0; v < used.length; v++) {
                if (used[v]) {
                    knownNames.add(known.value(v));
                }
            }
        }
        return build(new Instances(data, 0), knownIndex, truthIndex, fill, knownNames, imputed);
    }

    /**
     * The encoding of a header with its fitted values: the feature columns, their names and the known classes'
     * indices follow from the header, as {@link #fit} makes them.
     *
     * @throws IllegalArgumentException if the feature attributes give no columns, or a known class is not a value of
     *     the known-label attribute
     */
    private static InstancesEncoding build(
            Instances header, int knownIndex, int truthIndex, double[] fill, List<String> knownNames, int imputed) {
        List<Integer> features = new ArrayList<>();
        for (int a = 0; a < header.numAttributes(); a++) {
            if (a != knownIndex && a != truthIndex) {
                features.add(a);
            }
        }
        int[] featureAttributes = features.stream().mapToInt(Integer::intValue).toArray();
        int[] offsets = new int[featureAttributes.length];
        List<String> names = new ArrayList<>();
        int column = 0;
        for (int f = 0; f < featureAttributes.length; f++) {
            Attribute att = header.attribute(featureAttributes[f]);
            offsets[f] = column;
            if (att.isNumeric()) {
                names.add(att.name());
                column++;
            } else {
                for (int v = 0; v < att.numValues(); v++) {
                    names.add(att.name() + "=" + att.value(v));
                }
                column += att.numValues();
            }
        }
        if (column == 0) {
            throw new IllegalArgumentException(
                    "the feature attributes give no columns (nominal attributes without values)");
        }
        if (new HashSet<>(names).size() != names.size()) {
            names = null; // "a=b" of attribute a could collide with an attribute named "a=b": use the core's default
            // names
        }
        int[] valueToClass = new int[0];
        if (knownIndex >= 0) {
            Attribute known = header.attribute(knownIndex);
            valueToClass = new int[known.numValues()];
            Arrays.fill(valueToClass, -1);
            for (int c = 0; c < knownNames.size(); c++) {
                int v = known.indexOfValue(knownNames.get(c));
                if (v < 0) {
                    throw new IllegalArgumentException("known class '" + knownNames.get(c)
                            + "' is not a value of the known-label attribute '" + known.name() + "'");
                }
                valueToClass[v] = c;
            }
        }
        return new InstancesEncoding(
                header,
                knownIndex,
                truthIndex,
                featureAttributes,
                offsets,
                column,
                fill,
                names == null ? List.of() : names,
                knownNames,
                valueToClass,
                imputed);
    }

    private static int findNominal(Instances data, String name, String what) {
        if (name == null || name.isBlank()) {
            return -1;
        }
        Attribute att = data.attribute(name.trim());
        if (att == null) {
            List<String> nominal = new ArrayList<>();
            for (int a = 0; a < data.numAttributes(); a++) {
                if (data.attribute(a).isNominal()) {
                    nominal.add(data.attribute(a).name());
                }
            }
            String candidates = nominal.size() <= 20
                    ? nominal.toString()
                    : nominal.subList(0, 20) + " and " + (nominal.size() - 20) + " more";
            throw new IllegalArgumentException("the " + what + " '" + name.trim()
                    + "' is not in the data; its nominal attributes " + "are " + candidates + " ("
                    + data.numAttributes() + " attributes in all; names are case-sensitive)");
        }
        if (!att.isNominal()) {
            throw new IllegalArgumentException("the " + what + " '" + att.name() + "' is " + typeName(att)
                    + ", but it must be nominal (convert it, e.g. with the NumericToNominal filter)");
        }
        return att.index();
    }

    /**
     * Throws for the first string, date or relational attribute, naming it (NCL needs numeric or nominal data).
     *
     * @throws IllegalArgumentException naming the attribute and its type
     */
    public static void checkAttributeTypes(Instances data) {
        for (int a = 0; a < data.numAttributes(); a++) {
            Attribute att = data.attribute(a);
            if ((!att.isNumeric() && !att.isNominal()) || att.isDate()) {
                throw new IllegalArgumentException("NCL cannot handle " + typeName(att) + " attribute '" + att.name()
                        + "': it needs numeric or nominal attributes (remove it, or convert it first, e.g. with the "
                        + "StringToWordVector or StringToNominal filter)");
            }
        }
    }

    private static String typeName(Attribute att) {
        return Attribute.typeToString(att);
    }

    /** The training data's structure (no instances). */
    public Instances header() {
        return new Instances(header, 0);
    }

    /** Number of feature columns after one-hot encoding. */
    public int numColumns() {
        return numColumns;
    }

    /** Names of the feature columns ({@code attribute} or {@code attribute=value}), or empty if they were not unique. */
    public List<String> columnNames() {
        return columnNames;
    }

    /** Names of the attributes used as features. */
    public List<String> featureAttributeNames() {
        List<String> names = new ArrayList<>();
        for (int a : featureAttributes) {
            names.add(header.attribute(a).name());
        }
        return names;
    }

    /** Number of nominal feature attributes (one-hot encoded). */
    public int numNominalFeatures() {
        int n = 0;
        for (int a : featureAttributes) {
            if (header.attribute(a).isNominal()) {
                n++;
            }
        }
        return n;
    }

    /** Missing feature values found (and imputed) in the training data. */
    public int imputedValues() {
        return imputedValues;
    }

    /** The known classes (values of the known-label attribute that label at least one training instance). */
    public List<String> knownClassNames() {
        return knownClassNames;
    }

    /** The known-label attribute's name, or empty. */
    public String knownLabelAttribute() {
        return knownIndex < 0 ? "" : header.attribute(knownIndex).name();
    }

    /** The ground-truth attribute's name, or empty. */
    public String groundTruthAttribute() {
        return truthIndex < 0 ? "" : header.attribute(truthIndex).name();
    }

    /** Values of the known-label attribute that label no training instance (left out of the known classes). */
    public List<String> unusedKnownValues() {
        List<String> out = new ArrayList<>();
        for (int v = 0; v < knownValueToClass.length; v++) {
            if (knownValueToClass[v] < 0) {
                out.add(header.attribute(knownIndex).value(v));
            }
        }
        return out;
    }

    /**
     * Checks that {@code data} has the training data's attributes (same number, names and types, and for a nominal
     * attribute the same values in the same order: a value index means the value of that name). The one check of both
     * the batch and the single-instance paths.
     *
     * @throws IllegalArgumentException saying which attribute (and which nominal value) differs
     */
    public void checkCompatible(Instances data) {
        if (data.numAttributes() != header.numAttributes()) {
            throw new IllegalArgumentException("the instances have " + data.numAttributes()
                    + " attributes, but NCL was trained on " + header.numAttributes() + " ("
                    + featureAttributeNames().size() + " features)");
        }
        for (int a = 0; a < header.numAttributes(); a++) {
            Attribute mine = header.attribute(a);
            Attribute theirs = data.attribute(a);
            if (mine.type() != theirs.type()
                    || !mine.name().equals(theirs.name())
                    || mine.isNominal() && mine.numValues() != theirs.numValues()) {
                throw new IllegalArgumentException("attribute " + (a + 1) + " is '" + theirs.name() + "' ("
                        + Attribute.typeToString(theirs) + "), but NCL was trained with '" + mine.name() + "' ("
                        + Attribute.typeToString(mine) + (mine.isNominal() ? ", " + mine.numValues() + " values" : "")
                        + ")");
            }
            if (mine.isNominal()) {
                for (int v = 0; v < mine.numValues(); v++) {
                    if (!mine.value(v).equals(theirs.value(v))) {
                        throw new IllegalArgumentException("nominal attribute " + (a + 1) + " '" + mine.name()
                                + "' has value " + (v + 1) + " '" + theirs.value(v) + "', but NCL was trained with '"
                                + mine.value(v) + "' there (the values must have the same names in the same order: "
                                + "trained with " + values(mine) + ", got " + values(theirs) + ")");
                    }
                }
            }
        }
    }

    private static List<String> values(Attribute att) {
        List<String> out = new ArrayList<>();
        for (int v = 0; v < att.numValues(); v++) {
            out.add(att.value(v));
        }
        return out;
    }

    /**
     * The feature rows (row-major, {@link #numColumns()} each) of every instance, missing values imputed.
     *
     * @throws IllegalArgumentException if {@code data} does not have the training data's attributes
     *     ({@link #checkCompatible(Instances)})
     */
    public float[] features(Instances data) {
        return features(data, true);
    }

    /**
     * The feature rows of every instance with every column of a missing value set to {@link Float#NaN} (both
     * columns of a nominal attribute's one-hot), for a caller that imputes with other statistics than the ones
     * fitted here (such as a model's training means when this encoding was fitted on the data to predict).
     *
     * @throws IllegalArgumentException if {@code data} does not have the training data's attributes
     */
    public float[] featuresWithMissingAsNaN(Instances data) {
        return features(data, false);
    }

    private float[] features(Instances data, boolean impute) {
        checkCompatible(data);
        float[] out = new float[data.numInstances() * numColumns];
        for (int i = 0; i < data.numInstances(); i++) {
            encode(data.instance(i), out, i * numColumns, impute);
        }
        return out;
    }

    /**
     * The feature row of one instance, missing values imputed. The instance is checked exactly as a batch is: an
     * instance of a data set whose attributes differ from the training data's (other names, types, order) is
     * rejected with {@link #checkCompatible(Instances)}'s message; one without a data set must have as many
     * attributes.
     *
     * @throws IllegalArgumentException if the instance does not have the training data's attributes
     */
    public float[] features(Instance instance) {
        if (instance.dataset() != null) {
            checkCompatible(instance.dataset());
        } else if (instance.numAttributes() != header.numAttributes()) {
            throw new IllegalArgumentException("the instance has " + instance.numAttributes()
                    + " attributes, but NCL was trained on " + header.numAttributes());
        }
        float[] out = new float[numColumns];
        encode(instance, out, 0, true);
        return out;
    }

    private void encode(Instance inst, float[] out, int base, boolean impute) {
        for (int f = 0; f < featureAttributes.length; f++) {
            int a = featureAttributes[f];
            Attribute att = header.attribute(a);
            boolean missing = inst.isMissing(a);
            if (missing && !impute) {
                int width = att.isNumeric() ? 1 : att.numValues();
                Arrays.fill(out, base + offsets[f], base + offsets[f] + width, Float.NaN);
            } else if (att.isNumeric()) {
                out[base + offsets[f]] = (float) (missing ? fill[f] : inst.value(a));
            } else {
                int v = missing ? (int) fill[f] : (int) inst.value(a);
                if (v >= 0) {
                    out[base + offsets[f] + v] = 1f;
                }
            }
        }
    }

    /** Known class per instance (0..C_l-1) or {@link DiscoveryData#UNLABELED}. */
    public int[] knownLabels(Instances data) {
        int[] labels = new int[data.numInstances()];
        Arrays.fill(labels, DiscoveryData.UNLABELED);
        if (knownIndex >= 0) {
            for (int i = 0; i < labels.length; i++) {
                Instance inst = data.instance(i);
                if (!inst.isMissing(knownIndex)) {
                    int v = (int) inst.value(knownIndex);
                    labels[i] = v < knownValueToClass.length ? knownValueToClass[v] : DiscoveryData.UNLABELED;
                }
            }
        }
        return labels;
    }

    /** Whether a ground-truth attribute was named. */
    public boolean hasGroundTruth() {
        return truthIndex >= 0;
    }

    /** Ground-truth value index per instance, -1 where missing; null without a ground-truth attribute. */
    public int[] groundTruth(Instances data) {
        if (truthIndex < 0) {
            return null;
        }
        int[] truth = new int[data.numInstances()];
        for (int i = 0; i < truth.length; i++) {
            Instance inst = data.instance(i);
            truth[i] = inst.isMissing(truthIndex) ? -1 : (int) inst.value(truthIndex);
        }
        return truth;
    }

    /** The ground-truth attribute's values (empty without one). */
    public List<String> groundTruthNames() {
        List<String> names = new ArrayList<>();
        if (truthIndex >= 0) {
            Attribute att = header.attribute(truthIndex);
            for (int v = 0; v < att.numValues(); v++) {
                names.add(att.value(v));
            }
        }
        return names;
    }

    /**
     * The core's input for {@code data}: features, known labels and, when every instance has a ground-truth
     * value, the ground truth (the core uses it only to report metrics per epoch).
     */
    public DiscoveryData toDiscoveryData(Instances data) {
        if (data.numInstances() == 0) {
            throw new IllegalArgumentException("no training instances: NCL needs instances to train on");
        }
        DiscoveryData.Builder b = DiscoveryData.builder(numColumns)
                .features(features(data))
                .knownLabels(knownLabels(data), knownClassNames);
        if (!columnNames.isEmpty()) {
            b.featureNames(columnNames);
        }
        int[] truth = groundTruth(data);
        if (truth != null
                && Arrays.stream(truth).allMatch(t -> t >= 0)
                && new HashSet<>(groundTruthNames()).size() > 0) {
            b.groundTruth(truth, groundTruthNames());
        }
        return b.build();
    }

    // ---- the safe (JSON) form ------------------------------------------------------------------

    /** The {@code format} of {@link #toJson()}. */
    static final String JSON_FORMAT = "ncl-weka-instances-encoding";

    /**
     * The encoding as JSON, without Java serialisation: the training header (relation name; every attribute's name,
     * type and nominal values), the known-label and ground-truth attributes' names, the imputation values (mean of a
     * numeric feature, index of the mode of a nominal one, -1 for none), the known classes and the number of imputed
     * training values. {@link #fromJson} reads it back.
     */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("format", JSON_FORMAT);
        json.addProperty("formatVersion", 1);
        json.addProperty("relation", header.relationName());
        JsonArray atts = new JsonArray();
        for (int a = 0; a < header.numAttributes(); a++) {
            Attribute att = header.attribute(a);
            JsonObject o = new JsonObject();
            o.addProperty("name", att.name());
            o.addProperty("type", att.isNominal() ? "nominal" : "numeric");
            if (att.isNominal()) {
                JsonArray values = new JsonArray();
                values(att).forEach(values::add);
                o.add("values", values);
            }
            atts.add(o);
        }
        json.add("attributes", atts);
        json.addProperty("knownLabelAttribute", knownLabelAttribute());
        json.addProperty("groundTruthAttribute", groundTruthAttribute());
        JsonArray fills = new JsonArray();
        for (double f : fill) {
            fills.add(f);
        }
        json.add("fill", fills);
        JsonArray known = new JsonArray();
        knownClassNames.forEach(known::add);
        json.add("knownClassNames", known);
        json.addProperty("imputedValues", imputedValues);
        return json;
    }

    /**
     * Reads what {@link #toJson()} wrote, checking it.
     *
     * @param source names the source in the messages (a file name)
     * @throws IOException naming the source if the JSON is not a valid encoding
     */
    public static InstancesEncoding fromJson(JsonObject json, String source) throws IOException {
        try {
            if (!JSON_FORMAT.equals(json.get("format").getAsString())) {
                throw new IllegalArgumentException(
                        "format is '" + json.get("format").getAsString() + "', not '" + JSON_FORMAT + "'");
            }
            int version = json.get("formatVersion").getAsInt();
            if (version != 1) {
                throw new IllegalArgumentException("format version " + version + " is not supported (only 1)");
            }
            ArrayList<Attribute> atts = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonElement e : json.getAsJsonArray("attributes")) {
                JsonObject o = e.getAsJsonObject();
                String name = o.get("name").getAsString();
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("attribute '" + name + "' appears twice");
                }
                String type = o.get("type").getAsString();
                if (type.equals("numeric")) {
                    atts.add(new Attribute(name));
                } else if (type.equals("nominal")) {
                    List<String> values = new ArrayList<>();
                    for (JsonElement v : o.getAsJsonArray("values")) {
                        values.add(v.getAsString());
                    }
                    if (new HashSet<>(values).size() != values.size()) {
                        throw new IllegalArgumentException("nominal attribute '" + name + "' has a value twice");
                    }
                    atts.add(new Attribute(name, values));
                } else {
                    throw new IllegalArgumentException(
                            "attribute '" + name + "' has type '" + type + "' (only numeric and nominal)");
                }
            }
            if (atts.isEmpty()) {
                throw new IllegalArgumentException("no attributes");
            }
            Instances header = new Instances(json.get("relation").getAsString(), atts, 0);
            int knownIndex =
                    findNominal(header, json.get("knownLabelAttribute").getAsString(), "known-label attribute");
            int truthIndex =
                    findNominal(header, json.get("groundTruthAttribute").getAsString(), "ground-truth attribute");
            if (knownIndex >= 0 && knownIndex == truthIndex) {
                throw new IllegalArgumentException("the known-label and ground-truth attributes are the same");
            }
            JsonArray fills = json.getAsJsonArray("fill");
            int numFeatures = header.numAttributes() - (knownIndex >= 0 ? 1 : 0) - (truthIndex >= 0 ? 1 : 0);
            if (fills.size() != numFeatures) {
                throw new IllegalArgumentException(
                        "'fill' has " + fills.size() + " values for " + numFeatures + " feature attributes");
            }
            double[] fill = new double[numFeatures];
            for (int f = 0, a = 0; a < header.numAttributes(); a++) {
                if (a == knownIndex || a == truthIndex) {
                    continue;
                }
                fill[f] = fills.get(f).getAsDouble();
                Attribute att = header.attribute(a);
                boolean ok = att.isNumeric()
                        ? Double.isFinite(fill[f])
                        : fill[f] == Math.rint(fill[f]) && fill[f] >= -1 && fill[f] < att.numValues();
                if (!ok) {
                    throw new IllegalArgumentException(
                            "imputation value " + fill[f] + " of attribute '" + att.name() + "' is not valid");
                }
                f++;
            }
            List<String> known = new ArrayList<>();
            int previous = -1;
            for (JsonElement e : json.getAsJsonArray("knownClassNames")) {
                String name = e.getAsString();
                int v = knownIndex < 0 ? -1 : header.attribute(knownIndex).indexOfValue(name);
                if (v <= previous) {
                    throw new IllegalArgumentException("known class '" + name
                            + "' is not a value of the known-label attribute after the previous known class");
                }
                previous = v;
                known.add(name);
            }
            int imputed = json.get("imputedValues").getAsInt();
            if (imputed < 0) {
                throw new IllegalArgumentException("imputedValues is negative");
            }
            return build(header, knownIndex, truthIndex, fill, known, imputed);
        } catch (RuntimeException e) {
            // missing members (NullPointerException), wrong JSON types, bad values: all a damaged file
            throw new IOException(source + ": the instances encoding is not valid: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "InstancesEncoding{features=%d attributes -> %d columns, known=%s %s, truth=%s}",
                featureAttributes.length,
                numColumns,
                knownLabelAttribute(),
                knownClassNames,
                groundTruthAttribute());
    }
}
