// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclTrainer;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.options.NclOptions;
import org.ncl.tribuo.OnnxExport;

/**
 * Scoring throughput: the core's own batch {@link NclModel#predict(float[])} (PyTorch through DJL, with 1 and 2
 * intra-op threads) against the same model's ONNX export under ONNX Runtime, in one {@link OnnxScorer} and through
 * {@link NclOnnxTransformer} in Spark with 1 and 2 executor threads ({@code local[1]}, {@code local[2]}). The model is
 * trained with tiny settings (one epoch per stage; throughput does not depend on how well it is trained) on the first
 * 2,000 images of the embedded Fashion-MNIST test split (classes 0-4 known; the default encoder, a small CNN for
 * images), and scores N rows (the test split's 10,000 images, repeated). Each figure is the best of R timed runs
 * after one warm-up run. Spark's runs read a cached DataFrame of vectors and write to the {@code noop} sink, so files
 * are not timed; the same pass without scoring is timed too, as Spark's own share. The Spark answers are checked
 * against the core's, row by row. Prints the report and writes it as {@code spark-<timestamp>.md} and {@code .json}
 * (the form of the examples' benchmarks).
 *
 * <p>Run from the project root after {@code mvn -DskipTests install}: {@code mvn -q -pl spark-ncl exec:exec@bench
 * -Dbench.args="--rows 20000"}.
 */
public final class ScoringBench {

    static final String USAGE = "usage: mvn -q -pl spark-ncl exec:exec@bench -Dbench.args=\"[--rows N] [--repeats R]"
            + " [--partitions-per-thread P] [--encoder E] [--out DIR]\"\n"
            + "  --rows: rows scored (default 20000); --repeats: timed runs per scorer, best kept (default 3);\n"
            + "  --partitions-per-thread: Spark partitions per executor thread (default 2);\n"
            + "  --encoder: AUTO (default: a small CNN for the images), MLP, SMALL_CNN or RESNET18;\n"
            + "  --out: where the reports go (default docs/benchmarks)";

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final int TRAIN_ROWS = 2000;

    private ScoringBench() {}

    /**
     * One scorer's figure.
     *
     * @param scorer what scored
     * @param threads the threads it used (PyTorch's intra-op threads for the core, executor threads for Spark)
     * @param rows rows scored per run
     * @param runSeconds every timed run
     * @param bestSeconds the fastest
     * @param rowsPerSecond rows over the fastest run
     * @param relativeToCore rowsPerSecond over the core's with as many threads
     */
    record Figure(
            String scorer,
            int threads,
            int rows,
            List<Double> runSeconds,
            double bestSeconds,
            double rowsPerSecond,
            double relativeToCore) {}

    /**
     * A run's results.
     *
     * @param timestamp when it finished
     * @param command its arguments
     * @param settings the NCL settings of the model
     * @param encoder the encoder the model got
     * @param onnxBytes the size of the ONNX export
     * @param figures one per scorer
     * @param sparkRowsChecked rows whose Spark answer was compared with the core's
     * @param sparkMismatches rows whose label differed
     * @param maxConfidenceDifference the largest confidence difference on those rows
     * @param sparkVersion Spark's version
     * @param javaVersion Java's
     * @param os the operating system and architecture
     * @param availableProcessors the JVM's processors
     * @param ompWaitPolicy the environment's {@code OMP_WAIT_POLICY} (PyTorch's threads wait passively when PASSIVE)
     * @param loadAverageBefore the system load average when scoring started
     * @param loadAverageAfter and when it ended
     * @param totalSeconds the whole run
     */
    record Results(
            String timestamp,
            List<String> command,
            Map<String, String> settings,
            String encoder,
            int onnxBytes,
            List<Figure> figures,
            int sparkRowsChecked,
            int sparkMismatches,
            double maxConfidenceDifference,
            String sparkVersion,
            String javaVersion,
            String os,
            int availableProcessors,
            String ompWaitPolicy,
            double loadAverageBefore,
            double loadAverageAfter,
            double totalSeconds) {

        String markdown() {
            StringBuilder s = new StringBuilder();
            s.append("# Spark scoring benchmark, ").append(timestamp).append("\n\n");
            s.append(String.format(
                    Locale.ROOT,
                    "Model: encoder %s, trained with %s on %d rows; ONNX export %,d bytes. Rows: the embedded "
                            + "Fashion-MNIST test split, repeated. Best of %d runs after a warm-up.%n%n",
                    encoder,
                    settings,
                    TRAIN_ROWS,
                    onnxBytes,
                    figures.get(0).runSeconds().size()));
            s.append("| scorer | threads | rows | best s | rows/s | vs core, same threads |\n");
            s.append("|---|---|---:|---:|---:|---:|\n");
            for (Figure f : figures) {
                s.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %,d | %.3f | %,.0f | %.2fx |%n",
                        f.scorer(),
                        f.threads(),
                        f.rows(),
                        f.bestSeconds(),
                        f.rowsPerSecond(),
                        f.relativeToCore()));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "%nSpark's answers against the core's on %,d rows: %d labels differ, confidences within %.2g.%n",
                    sparkRowsChecked,
                    sparkMismatches,
                    maxConfidenceDifference));
            s.append(String.format(
                    Locale.ROOT,
                    "%nSpark %s, Java %s, %s, %d processors, OMP_WAIT_POLICY=%s, load average %.2f before and %.2f "
                            + "after; %.0f s in all.%n",
                    sparkVersion,
                    javaVersion,
                    os,
                    availableProcessors,
                    ompWaitPolicy,
                    loadAverageBefore,
                    loadAverageAfter,
                    totalSeconds));
            return s.toString();
        }
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        int rows = 20_000;
        int repeats = 3;
        int perThread = 2;
        String encoder = "AUTO";
        Path dir = Path.of("docs", "benchmarks");
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--help")) {
                    out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String v = args[++i];
                switch (args[i - 1]) {
                    case "--rows" -> rows = positive("--rows", v);
                    case "--repeats" -> repeats = positive("--repeats", v);
                    case "--partitions-per-thread" -> perThread = positive("--partitions-per-thread", v);
                    case "--encoder" -> encoder = v;
                    case "--out" -> dir = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i - 1] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Results results = measure(rows, repeats, perThread, encoder, List.of(args), out);
        out.println();
        out.print(results.markdown());
        Files.createDirectories(dir);
        String stem = "spark-" + FILE_STAMP.format(Instant.parse(results.timestamp()));
        Path json = dir.resolve(stem + ".json");
        Files.writeString(json, GSON.toJson(results) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(stem + ".md"), results.markdown(), StandardCharsets.UTF_8);
        out.println("wrote " + json.toAbsolutePath().normalize() + " and " + stem + ".md");
        return 0;
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a whole number above 0, got '" + v + "'");
    }

    static Results measure(int rows, int repeats, int perThread, String encoder, List<String> command, PrintStream out)
            throws IOException {
        long t0 = System.nanoTime();
        DiscoveryData images = FashionMnist.embeddedTest();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("encoder", encoder);
        settings.put("pretrainEpochs", "1");
        settings.put("supervisedEpochs", "1");
        settings.put("discoveryEpochs", "1");
        settings.put("seed", "1");
        NclOptions.Builder b = NclOptions.builder(5);
        settings.forEach(b::set);
        int[] first = new int[TRAIN_ROWS];
        Arrays.setAll(first, i -> i);
        out.printf(Locale.ROOT, "training %s on %d rows ...%n", settings, TRAIN_ROWS);
        int size = images.numFeatures();
        float[] all = new float[rows * size];
        for (int i = 0; i < rows; i++) {
            images.copyRow(i % images.numRows(), all, i * size);
        }
        List<Figure> figures = new ArrayList<>();
        byte[] onnx;
        String encoderUsed;
        List<NclPrediction> expected;
        double loadBefore = load();
        double[] coreRate = new double[3];
        try (NclModel core = new NclTrainer(b.build()).train(images.subset(first))) {
            encoderUsed = core.encoderType().toString();
            onnx = OnnxExport.build(core, "org.ncl.bench", 1).toByteArray();
            AtomicReference<List<NclPrediction>> keep = new AtomicReference<>();
            for (int threads = 1; threads <= 2; threads++) {
                JniUtils.setNumThreads(threads);
                double[] runs = time(
                        "core NclModel.predict, " + threads + " PyTorch threads",
                        repeats,
                        out,
                        () -> keep.set(core.predict(all)));
                Figure fig = figure("core `NclModel.predict` (PyTorch via DJL)", threads, rows, runs, 0);
                coreRate[threads] = fig.rowsPerSecond();
                figures.add(fig);
            }
            expected = keep.get();
        }
        NclOnnxModel model = NclOnnxModel.fromBytes(onnx, "benchmark model");
        try (OnnxScorer scorer = model.openScorer(1)) {
            double[] runs = time("OnnxScorer, 1 thread", repeats, out, () -> {
                for (int start = 0; start < rows; start += 512) {
                    int n = Math.min(512, rows - start);
                    scorer.predict(Arrays.copyOfRange(all, start * size, (start + n) * size));
                }
            });
            figures.add(figure("`OnnxScorer` (ONNX Runtime, no Spark), batches of 512", 1, rows, runs, coreRate[1]));
        }
        int checked = 0;
        int mismatches = 0;
        double maxDiff = 0;
        String sparkVersion = null;
        for (int threads = 1; threads <= 2; threads++) {
            SparkSession spark = SparkSession.builder()
                    .master("local[" + threads + "]")
                    .appName("spark-ncl-bench")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            try {
                sparkVersion = spark.version();
                Dataset<Row> table =
                        table(spark, images, rows, threads * perThread).cache();
                table.count();
                NclOnnxTransformer t = new NclOnnxTransformer(model).setInputCols("features");
                String partitions = threads * perThread + " partitions";
                double[] passes = time(
                        "Spark local[" + threads + "], no scoring",
                        repeats,
                        out,
                        () -> table.write().format("noop").mode("overwrite").save());
                figures.add(figure(
                        "Spark, the same pass without scoring, local[" + threads + "], " + partitions,
                        threads,
                        rows,
                        passes,
                        coreRate[threads]));
                double[] runs = time(
                        "Spark local[" + threads + "]",
                        repeats,
                        out,
                        () -> t.transform(table)
                                .write()
                                .format("noop")
                                .mode("overwrite")
                                .save());
                figures.add(figure(
                        "Spark `NclOnnxTransformer`, local[" + threads + "], " + partitions,
                        threads,
                        rows,
                        runs,
                        coreRate[threads]));
                if (threads == 2) {
                    List<Row> scored = t.transform(table)
                            .select("id", "predictedLabel", "confidence")
                            .orderBy("id")
                            .collectAsList();
                    for (Row r : scored) {
                        NclPrediction e = expected.get((int) r.getLong(0));
                        mismatches += e.label().equals(r.getString(1)) ? 0 : 1;
                        maxDiff = Math.max(maxDiff, Math.abs(e.confidence() - r.getDouble(2)));
                        checked++;
                    }
                }
                table.unpersist();
            } finally {
                spark.stop();
            }
        }
        return new Results(
                Instant.now().toString(),
                command,
                settings,
                encoderUsed,
                onnx.length,
                figures,
                checked,
                mismatches,
                maxDiff,
                sparkVersion,
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                String.valueOf(System.getenv("OMP_WAIT_POLICY")),
                loadBefore,
                load(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** Rows id (0..n-1) and features (image id mod 10,000 as a vector), in the given number of partitions. */
    private static Dataset<Row> table(SparkSession spark, DiscoveryData images, int rows, int partitions) {
        float[] pixels = images.features();
        int size = images.numFeatures();
        int n = images.numRows();
        Broadcast<float[]> shared = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(pixels);
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)));
        MapFunction<Long, Row> toRow = id -> {
            float[] p = shared.value();
            double[] v = new double[size];
            int from = (int) (id % n) * size;
            for (int j = 0; j < size; j++) {
                v[j] = p[from + j];
            }
            return RowFactory.create(id, Vectors.dense(v));
        };
        return spark.range(0, rows, 1, partitions).map(toRow, Encoders.row(schema));
    }

    private static double[] time(String what, int repeats, PrintStream out, Runnable run) {
        run.run(); // warm-up
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            run.run();
            seconds[r] = (System.nanoTime() - t) / 1e9;
            out.printf(Locale.ROOT, "%s: run %d of %d, %.3f s%n", what, r + 1, repeats, seconds[r]);
        }
        return seconds;
    }

    private static Figure figure(String scorer, int threads, int rows, double[] runs, double coreRate) {
        double best = Arrays.stream(runs).min().orElseThrow();
        double rate = rows / best;
        List<Double> list = Arrays.stream(runs).boxed().toList();
        return new Figure(scorer, threads, rows, list, best, rate, coreRate == 0 ? 1.0 : rate / coreRate);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
