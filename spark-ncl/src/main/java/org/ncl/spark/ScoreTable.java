// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The {@code spark-submit} job: scores a table (CSV with a header, Parquet, ORC or JSON, on any file system Spark
 * reads) with an exported NCL model through {@link NclOnnxTransformer}, and writes the table with the prediction
 * columns appended. It never overwrites: an existing output path is an error before any work starts.
 *
 * <p>Usage: see {@link #USAGE}. Exit code 0 on success, 2 for bad arguments or an existing output, 1 when the input
 * does not fit the model or scoring fails (the message names the column, and the partition and row of a bad value).
 */
public final class ScoreTable {

    static final String USAGE = "usage: spark-submit [spark options] --class org.ncl.spark.ScoreTable spark-ncl.jar\n"
            + "         --model FILE.onnx|SAVED_DIR --input PATH --output PATH [--format F] [--output-format F]\n"
            + "         [--input-cols C1,C2,..] [--keep C1,C2,..] [--batch-size N] [--onnx-threads N]\n"
            + "  Scores every row of the input table with an NCL model exported by `ncl export-onnx` (or a\n"
            + "  directory saved by NclOnnxTransformer) and writes the table with the columns predictedLabel,\n"
            + "  novel, confidence and novelCluster appended. Never overwrites an existing output.\n"
            + "  --format: csv (with a header), parquet, orc or json; default from the input's extension,\n"
            + "    parquet otherwise; --output-format: default parquet (csv gets a header);\n"
            + "  --input-cols: the model's feature columns in its order, or one vector/array column\n"
            + "    (default: the columns named as the model's features);\n"
            + "  --keep: the input columns to keep in the output (default: all);\n"
            + "  --batch-size: rows per ONNX Runtime call (default 512); --onnx-threads: per task (default 1).";

    private ScoreTable() {}

    /** The parsed arguments. */
    record Arguments(
            String model,
            String input,
            String output,
            String format,
            String outputFormat,
            String[] inputCols,
            String[] keep,
            int batchSize,
            int onnxThreads,
            boolean help) {

        static Arguments parse(String[] args) {
            String model = null;
            String input = null;
            String output = null;
            String format = null;
            String outputFormat = "parquet";
            String[] inputCols = null;
            String[] keep = null;
            int batchSize = 512;
            int threads = 1;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    return new Arguments(null, null, null, null, null, null, null, 0, 0, true);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(
                            a.startsWith("--") ? a + " needs a value" : "unexpected argument '" + a + "'");
                }
                String v = args[++i];
                switch (a) {
                    case "--model" -> model = v;
                    case "--input" -> input = v;
                    case "--output" -> output = v;
                    case "--format" -> format = format(a, v);
                    case "--output-format" -> outputFormat = format(a, v);
                    case "--input-cols" -> inputCols = list(a, v);
                    case "--keep" -> keep = list(a, v);
                    case "--batch-size" -> batchSize = positive(a, v);
                    case "--onnx-threads" -> threads = positive(a, v);
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            for (String[] required : new String[][] {{"--model", model}, {"--input", input}, {"--output", output}}) {
                if (required[1] == null) {
                    throw new IllegalArgumentException("missing " + required[0]);
                }
            }
            if (format == null) {
                format = formatOf(input);
            }
            return new Arguments(
                    model, input, output, format, outputFormat, inputCols, keep, batchSize, threads, false);
        }

        private static String format(String option, String v) {
            String f = v.toLowerCase(Locale.ROOT);
            if (!List.of("csv", "parquet", "orc", "json").contains(f)) {
                throw new IllegalArgumentException(option + " must be csv, parquet, orc or json, got '" + v + "'");
            }
            return f;
        }

        private static String formatOf(String path) {
            String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
            for (String f : List.of("csv", "orc", "json")) {
                if (p.endsWith("." + f)) {
                    return f;
                }
            }
            return "parquet";
        }

        private static String[] list(String option, String v) {
            String[] names = v.split(",", -1);
            for (String n : names) {
                if (n.isBlank()) {
                    throw new IllegalArgumentException(option + " has an empty column name: '" + v + "'");
                }
            }
            return names;
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
    }

    /** Entry point for {@code spark-submit}; see the class comment. */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("ncl-score").getOrCreate();
        int code;
        try {
            code = run(spark, args, System.out, System.err);
        } finally {
            spark.stop();
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the job in a session.
     *
     * @return the exit code (see the class comment)
     */
    static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err) {
        Arguments cli;
        try {
            cli = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (cli.help()) {
            out.println(USAGE);
            return 0;
        }
        try {
            Path output = new Path(cli.output());
            if (output.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(output)) {
                err.println("error: --output " + cli.output() + " exists; this job never overwrites, name a new path");
                return 2;
            }
            NclOnnxTransformer scorer = transformer(spark, cli.model());
            scorer.setBatchSize(cli.batchSize()).setOnnxThreads(cli.onnxThreads());
            if (cli.inputCols() != null) {
                scorer.setInputCols(cli.inputCols());
            }
            DataFrameReader reader = spark.read().format(cli.format());
            if (cli.format().equals("csv")) {
                reader = reader.option("header", "true").option("inferSchema", "true");
            }
            Dataset<Row> table = reader.load(cli.input());
            Dataset<Row> scored = scorer.transform(table);
            if (cli.keep() != null) {
                List<Column> columns = new ArrayList<>();
                for (String c : cli.keep()) {
                    if (!List.of(table.columns()).contains(c)) {
                        throw new IllegalArgumentException("--keep names '" + c + "', which is not a column of "
                                + cli.input() + " (columns: " + String.join(", ", table.columns()) + ")");
                    }
                    columns.add(functions.col(c));
                }
                for (String c : List.of(
                        scorer.getLabelCol(),
                        scorer.getNovelCol(),
                        scorer.getConfidenceCol(),
                        scorer.getClusterCol())) {
                    columns.add(functions.col(c));
                }
                scored = scored.select(columns.toArray(new Column[0]));
            }
            boolean csv = cli.outputFormat().equals("csv");
            scored.write()
                    .mode(SaveMode.ErrorIfExists)
                    .format(cli.outputFormat())
                    .option("header", csv)
                    .save(cli.output());
            Dataset<Row> written = spark.read()
                    .format(cli.outputFormat())
                    .option("header", csv)
                    .load(cli.output());
            long rows = written.count();
            long novel = written.filter(functions.col(scorer.getNovelCol()).cast("boolean"))
                    .count();
            out.printf(
                    Locale.ROOT,
                    "scored %d rows of %s with %s: %d known, %d novel; wrote %s (%s)%n",
                    rows,
                    cli.input(),
                    cli.model(),
                    rows - novel,
                    novel,
                    cli.output(),
                    cli.outputFormat());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + message(e));
            return 1;
        }
    }

    /** The transformer for a {@code .onnx} file or a directory saved by {@link NclOnnxTransformer#write()}. */
    static NclOnnxTransformer transformer(SparkSession spark, String model) throws IOException {
        Path path = new Path(model);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(path)) {
            throw new IllegalArgumentException("--model " + model + " does not exist");
        }
        if (fs.getFileStatus(path).isDirectory()) {
            return NclOnnxTransformer.read().session(spark).load(model);
        }
        try (InputStream in = fs.open(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return new NclOnnxTransformer(NclOnnxModel.fromBytes(bytes.toByteArray(), model));
        }
    }

    /** The message of the innermost {@link IllegalArgumentException} (what Spark wraps), else of {@code e}. */
    static String message(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
