// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A Spark ML {@link Transformer} that applies a trained NCL model (Zhong et al., "Neighborhood Contrastive Learning
 * for Novel Class Discovery", CVPR 2021) to a DataFrame through its ONNX export ({@link NclOnnxModel}): each partition
 * opens one ONNX Runtime session, scores its rows in batches of {@link #batchSize()} and hands both heads' logits to
 * the core's known-or-novel decision, so every row gets what {@link org.ncl.core.NclModel#predict(float[])} gives it.
 * Executors need ONNX Runtime and the core's classes, not PyTorch.
 *
 * <p>Params:
 *
 * <ul>
 *   <li>{@link #inputCols()}: the feature columns in the model's column order (default: the model's feature names), or
 *       one column holding all features as an ML vector or an array of numbers;
 *   <li>{@link #labelCol()} (string: a known class name or {@code novel-k}), {@link #novelCol()} (boolean),
 *       {@link #confidenceCol()} (double: the probability of the label), {@link #clusterCol()} (int: the novel
 *       head's cluster, {@code k} of {@code novel-k} for a novel row, the novel head's own answer for a known one): the
 *       output columns, appended in this order; an empty name leaves that output out;
 *   <li>{@link #batchSize()}: rows per ONNX Runtime call (default 512); {@link #onnxThreads()}: ONNX Runtime threads
 *       per session (default 1, as Spark runs one task per core).
 * </ul>
 *
 * <p>It saves and loads as Spark ML expects ({@link MLWritable}, and the static {@link #read()} and {@link #load}
 * that {@code PipelineModel.load} calls): the params in Spark's metadata and the ONNX model as {@code data/model.onnx}
 * under the saved directory.
 */
public final class NclOnnxTransformer extends Transformer implements MLWritable {

    private static final long serialVersionUID = 1L;

    /** The file under the saved directory that holds the ONNX model. */
    static final String MODEL_FILE = "data/model.onnx";

    private final String uid;
    private final NclOnnxModel model;
    private final StringArrayParam inputCols;
    private final Param<String> labelCol;
    private final Param<String> novelCol;
    private final Param<String> confidenceCol;
    private final Param<String> clusterCol;
    private final IntParam batchSize;
    private final IntParam onnxThreads;

    /**
     * A transformer for an exported model, with a random uid.
     *
     * @param model the exported model
     */
    public NclOnnxTransformer(NclOnnxModel model) {
        this(Identifiable.randomUID("nclOnnx"), model);
    }

    /**
     * A transformer for an exported model.
     *
     * @param uid the uid
     * @param model the exported model
     */
    public NclOnnxTransformer(String uid, NclOnnxModel model) {
        this.uid = uid;
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.inputCols = new StringArrayParam(
                this,
                "inputCols",
                "the feature columns in the model's column order, or one vector or array column holding all features");
        this.labelCol = new Param<>(this, "labelCol", "output column of the predicted label (empty: none)");
        this.novelCol = new Param<>(this, "novelCol", "output column of the novel flag (empty: none)");
        this.confidenceCol =
                new Param<>(this, "confidenceCol", "output column of the label's probability (empty: none)");
        this.clusterCol = new Param<>(this, "clusterCol", "output column of the novel head's cluster (empty: none)");
        this.batchSize = new IntParam(this, "batchSize", "rows per ONNX Runtime call (> 0)", ParamValidators.gt(0));
        this.onnxThreads =
                new IntParam(this, "onnxThreads", "ONNX Runtime threads per session (> 0)", ParamValidators.gt(0));
        setDefault(inputCols, model.featureNames().toArray(new String[0]));
        setDefault(labelCol, "predictedLabel");
        setDefault(novelCol, "novel");
        setDefault(confidenceCol, "confidence");
        setDefault(clusterCol, "novelCluster");
        setDefault(batchSize, 512);
        setDefault(onnxThreads, 1);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The exported model this transformer applies. */
    public NclOnnxModel model() {
        return model;
    }

    // ---- params (public accessors: Spark finds the params through them) -------------------------

    /** The input columns. */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    /** The output column of the predicted label. */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** The output column of the novel flag. */
    public Param<String> novelCol() {
        return novelCol;
    }

    /** The output column of the confidence. */
    public Param<String> confidenceCol() {
        return confidenceCol;
    }

    /** The output column of the novel cluster. */
    public Param<String> clusterCol() {
        return clusterCol;
    }

    /** Rows per ONNX Runtime call. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** ONNX Runtime threads per session. */
    public IntParam onnxThreads() {
        return onnxThreads;
    }

    /** The input columns. */
    public String[] getInputCols() {
        return getOrDefault(inputCols);
    }

    /** Sets the input columns (the model's feature columns in its order, or one vector or array column). */
    public NclOnnxTransformer setInputCols(String... columns) {
        return put(inputCols, columns.clone());
    }

    /** The output column of the predicted label. */
    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    /** Sets the output column of the predicted label (empty: none). */
    public NclOnnxTransformer setLabelCol(String column) {
        return put(labelCol, column);
    }

    /** The output column of the novel flag. */
    public String getNovelCol() {
        return getOrDefault(novelCol);
    }

    /** Sets the output column of the novel flag (empty: none). */
    public NclOnnxTransformer setNovelCol(String column) {
        return put(novelCol, column);
    }

    /** The output column of the confidence. */
    public String getConfidenceCol() {
        return getOrDefault(confidenceCol);
    }

    /** Sets the output column of the confidence (empty: none). */
    public NclOnnxTransformer setConfidenceCol(String column) {
        return put(confidenceCol, column);
    }

    /** The output column of the novel cluster. */
    public String getClusterCol() {
        return getOrDefault(clusterCol);
    }

    /** Sets the output column of the novel cluster (empty: none). */
    public NclOnnxTransformer setClusterCol(String column) {
        return put(clusterCol, column);
    }

    /** Rows per ONNX Runtime call. */
    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    /** Sets the rows per ONNX Runtime call. */
    public NclOnnxTransformer setBatchSize(int rows) {
        return put(batchSize, rows);
    }

    /** ONNX Runtime threads per session. */
    public int getOnnxThreads() {
        return (Integer) getOrDefault(onnxThreads);
    }

    /** Sets the ONNX Runtime threads per session. */
    public NclOnnxTransformer setOnnxThreads(int threads) {
        return put(onnxThreads, threads);
    }

    private <T> NclOnnxTransformer put(Param<T> param, T value) {
        set(param, value);
        return this;
    }

    // ---- transforming ---------------------------------------------------------------------------

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureColumns.resolve(schema, getInputCols(), model.featureNames());
        StructType out = schema;
        Set<String> taken = new HashSet<>(List.of(schema.fieldNames()));
        for (StructField field : outputFields()) {
            if (!taken.add(field.name())) {
                throw new IllegalArgumentException("output column '" + field.name() + "' is already in the DataFrame "
                        + "or named twice; choose another name (an empty name leaves an output out)");
            }
            out = out.add(field);
        }
        if (out.length() == schema.length()) {
            throw new IllegalArgumentException("every output column is empty: name at least one of labelCol, "
                    + "novelCol, confidenceCol, clusterCol");
        }
        return out;
    }

    private List<StructField> outputFields() {
        List<StructField> fields = new ArrayList<>();
        addIfNamed(fields, getLabelCol(), DataTypes.StringType);
        addIfNamed(fields, getNovelCol(), DataTypes.BooleanType);
        addIfNamed(fields, getConfidenceCol(), DataTypes.DoubleType);
        addIfNamed(fields, getClusterCol(), DataTypes.IntegerType);
        return fields;
    }

    private static void addIfNamed(List<StructField> fields, String name, DataType type) {
        if (name != null && !name.isEmpty()) {
            fields.add(DataTypes.createStructField(name, type, false));
        }
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        FeatureColumns columns = FeatureColumns.resolve(dataset.schema(), getInputCols(), model.featureNames());
        PartitionScorer.Outputs outputs = new PartitionScorer.Outputs(
                !getLabelCol().isEmpty(),
                !getNovelCol().isEmpty(),
                !getConfidenceCol().isEmpty(),
                !getClusterCol().isEmpty());
        int rows = getBatchSize();
        int threads = getOnnxThreads();
        Broadcast<NclOnnxModel> shared = JavaSparkContext.fromSparkContext(
                        dataset.sparkSession().sparkContext())
                .broadcast(model);
        MapPartitionsFunction<Row, Row> score =
                partition -> new PartitionScorer(partition, shared.value(), columns, outputs, rows, threads);
        return dataset.toDF().mapPartitions(score, Encoders.row(out));
    }

    @Override
    public NclOnnxTransformer copy(ParamMap extra) {
        return copyValues(new NclOnnxTransformer(uid, model), extra);
    }

    @Override
    public String toString() {
        return "NclOnnxTransformer: uid=" + uid + ", " + model;
    }

    // ---- persistence ----------------------------------------------------------------------------

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** The reader {@code PipelineModel.load} and {@link #load} use. */
    public static MLReader<NclOnnxTransformer> read() {
        return new Reader();
    }

    /**
     * Loads a transformer saved with {@link #write()}.
     *
     * @param path the saved directory (any Hadoop file system)
     * @return the transformer
     */
    public static NclOnnxTransformer load(String path) {
        return read().load(path);
    }

    /** Writes the params (Spark's metadata) and {@value #MODEL_FILE}. */
    private static final class Writer extends MLWriter {
        private final NclOnnxTransformer instance;

        Writer(NclOnnxTransformer instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
            Path file = new Path(path, MODEL_FILE);
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (OutputStream out = fs.create(file, false)) {
                    out.write(instance.model.onnx());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads what {@link Writer} wrote. */
    private static final class Reader extends MLReader<NclOnnxTransformer> {
        @Override
        public NclOnnxTransformer load(String path) {
            DefaultParamsReader.Metadata metadata = org.apache.spark.ml.util.DefaultParamsReader$.MODULE$.loadMetadata(
                    path, sparkSession(), NclOnnxTransformer.class.getName());
            Path file = new Path(path, MODEL_FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    in.transferTo(buffer);
                    bytes = buffer.toByteArray();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            NclOnnxTransformer t =
                    new NclOnnxTransformer(metadata.uid(), NclOnnxModel.fromBytes(bytes, file.toString()));
            metadata.getAndSetParams(t, Option.empty());
            return t;
        }
    }
}
