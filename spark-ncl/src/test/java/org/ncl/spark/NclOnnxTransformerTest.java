// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclPrediction;

/** The transformer against the core's own predictions, row by row, in local[2] Spark. */
class NclOnnxTransformerTest {

    private final Fixture f = Fixture.get();

    private static Dataset<Row> scalar;
    private static Dataset<Row> vectors;

    /** Rows id, note, then the 49 features as doubles in reverse order (px48 .. px0), in 3 partitions (cached). */
    private Dataset<Row> scalarTable() {
        if (scalar == null) {
            scalar = buildScalarTable().cache();
        }
        return scalar;
    }

    /** Rows id, a vector column and an array column of the features, in 2 partitions (cached). */
    private Dataset<Row> vectorTable() {
        if (vectors == null) {
            vectors = buildVectorTable().cache();
        }
        return vectors;
    }

    private Dataset<Row> buildScalarTable() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("id", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("note", DataTypes.StringType, true));
        for (int j = Fixture.FEATURES - 1; j >= 0; j--) {
            fields.add(DataTypes.createStructField("px" + j, DataTypes.DoubleType, true));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Fixture.SCORED; i++) {
            Object[] v = new Object[2 + Fixture.FEATURES];
            v[0] = i;
            v[1] = "row " + i;
            for (int j = 0; j < Fixture.FEATURES; j++) {
                v[2 + Fixture.FEATURES - 1 - j] = (double) f.rows.value(i, j);
            }
            rows.add(RowFactory.create(v));
        }
        return f.spark.createDataFrame(rows, DataTypes.createStructType(fields)).repartition(3);
    }

    private Dataset<Row> buildVectorTable() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.IntegerType, false),
                DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
                DataTypes.createStructField("pixels", DataTypes.createArrayType(DataTypes.FloatType, false), false)));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Fixture.SCORED; i++) {
            float[] r = f.rows.row(i);
            double[] d = new double[r.length];
            Float[] boxed = new Float[r.length];
            for (int j = 0; j < r.length; j++) {
                d[j] = r[j];
                boxed[j] = r[j];
            }
            rows.add(RowFactory.create(i, Vectors.dense(d), boxed));
        }
        return f.spark.createDataFrame(rows, schema).repartition(2);
    }

    private static List<Row> byId(Dataset<Row> scored) {
        return scored.orderBy("id").collectAsList();
    }

    private void assertMatchesCore(List<Row> scored, String label, String novel, String confidence, String cluster) {
        assertEquals(Fixture.SCORED, scored.size());
        for (int i = 0; i < Fixture.SCORED; i++) {
            Row r = scored.get(i);
            NclPrediction e = f.expected.get(i);
            assertEquals(i, r.<Integer>getAs("id"));
            assertEquals(e.label(), r.getAs(label), "row " + i);
            if (novel != null) {
                assertEquals(e.novel(), r.<Boolean>getAs(novel), "row " + i);
            }
            if (confidence != null) {
                assertEquals(e.confidence(), r.<Double>getAs(confidence), 1e-5, "row " + i);
            }
            if (cluster != null) {
                assertEquals(e.novelCluster(), r.<Integer>getAs(cluster), "row " + i);
            }
        }
    }

    @Test
    void scalarColumnsGiveTheCorePredictionsRowByRow() {
        long novel = f.expected.stream().filter(NclPrediction::novel).count();
        assertTrue(novel > 100 && novel < Fixture.SCORED - 100, "both decisions are exercised: " + novel + " novel");
        Dataset<Row> table = scalarTable();
        assertEquals(3, table.rdd().getNumPartitions());
        NclOnnxTransformer t = new NclOnnxTransformer(f.model).setBatchSize(300);
        Dataset<Row> scored = t.transform(table);
        assertEquals(
                List.of("predictedLabel", "novel", "confidence", "novelCluster"),
                List.of(scored.columns()).subList(table.columns().length, table.columns().length + 4));
        List<Row> rows = byId(scored);
        assertMatchesCore(rows, "predictedLabel", "novel", "confidence", "novelCluster");
        for (int i = 0; i < Fixture.SCORED; i++) {
            assertEquals("row " + i, rows.get(i).getAs("note"));
            assertEquals((double) f.rows.value(i, 7), rows.get(i).<Double>getAs("px7"));
        }
        // the task-aware cluster is the k of novel-k on every novel row
        for (NclPrediction p : f.expected) {
            if (p.novel()) {
                assertEquals("novel-" + p.novelCluster(), p.label());
            }
        }
    }

    @Test
    void vectorAndArrayColumnsGiveTheSameAnswersWithChosenOutputs() {
        Dataset<Row> table = vectorTable();
        NclOnnxTransformer t = new NclOnnxTransformer(f.model)
                .setInputCols("features")
                .setLabelCol("ncl")
                .setNovelCol("")
                .setConfidenceCol("p")
                .setClusterCol("");
        Dataset<Row> scored = t.transform(table);
        assertEquals(List.of("id", "features", "pixels", "ncl", "p"), List.of(scored.columns()));
        assertMatchesCore(byId(scored), "ncl", null, "p", null);

        Dataset<Row> fromArrays = t.copy(new org.apache.spark.ml.param.ParamMap())
                .setInputCols("pixels")
                .transform(table);
        assertMatchesCore(byId(fromArrays), "ncl", null, "p", null);
    }

    @Test
    void savedTransformerAndPipelineLoadAndScoreTheSame(@TempDir Path dir) throws Exception {
        Dataset<Row> table = scalarTable();
        NclOnnxTransformer t = new NclOnnxTransformer(f.model)
                .setLabelCol("answer")
                .setBatchSize(128)
                .setOnnxThreads(2);
        String saved = dir.resolve("transformer").toString();
        t.write().save(saved);
        NclOnnxTransformer loaded = NclOnnxTransformer.load(saved);
        assertEquals(t.uid(), loaded.uid());
        assertEquals("answer", loaded.getLabelCol());
        assertEquals(128, loaded.getBatchSize());
        assertEquals(2, loaded.getOnnxThreads());
        assertArrayEquals(t.getInputCols(), loaded.getInputCols());
        assertEquals(f.model.featureNames(), loaded.model().featureNames());
        assertEquals(f.model.novelLogitOffset(), loaded.model().novelLogitOffset());
        assertMatchesCore(byId(loaded.transform(table)), "answer", "novel", "confidence", "novelCluster");

        Exception again = assertThrows(Exception.class, () -> t.write().save(saved));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());

        PipelineModel pipeline =
                new Pipeline().setStages(new PipelineStage[] {t}).fit(table);
        String pipelineDir = dir.resolve("pipeline").toString();
        pipeline.write().save(pipelineDir);
        PipelineModel back = PipelineModel.load(pipelineDir);
        assertEquals(NclOnnxTransformer.class, back.stages()[0].getClass());
        assertMatchesCore(byId(back.transform(table)), "answer", "novel", "confidence", "novelCluster");
    }

    @Test
    void inputThatDoesNotFitIsNamed() {
        Dataset<Row> table = scalarTable();
        NclOnnxTransformer t = new NclOnnxTransformer(f.model);

        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> t.transform(table.drop("px3")));
        assertTrue(missing.getMessage().contains("input column 'px3' is not in the DataFrame"), missing.getMessage());

        IllegalArgumentException text = assertThrows(
                IllegalArgumentException.class, () -> t.transform(table.withColumn("px5", table.col("note"))));
        assertTrue(text.getMessage().contains("input column 'px5' (feature px5) is string"), text.getMessage());

        IllegalArgumentException count = assertThrows(
                IllegalArgumentException.class,
                () -> t.copy(new org.apache.spark.ml.param.ParamMap())
                        .setInputCols("px0", "px1")
                        .transform(table));
        assertTrue(count.getMessage().contains("the model takes 49 features"), count.getMessage());

        IllegalArgumentException clash = assertThrows(
                IllegalArgumentException.class, () -> t.transform(table.withColumnRenamed("note", "novel")));
        assertTrue(
                clash.getMessage().contains("output column 'novel' is already in the DataFrame"), clash.getMessage());

        Dataset<Row> withNaN = table.withColumn(
                "px3",
                org.apache
                        .spark
                        .sql
                        .functions
                        .when(table.col("id").equalTo(17), Double.NaN)
                        .otherwise(table.col("px3")));
        SparkException nan =
                assertThrows(SparkException.class, () -> t.transform(withNaN).collectAsList());
        String message = ScoreTable.message(nan);
        assertTrue(message.contains("column 'px3' is NaN; every value must be a finite number"), message);
        assertTrue(message.startsWith("partition "), message);
        assertFalse(message.contains("Job aborted"), message);
    }
}
