// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.ncl.core.options.NclOptions.BATCH_SIZE;
import static org.ncl.core.options.NclOptions.SEED;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.ncl.cli.plots.ModelPlots;
import org.ncl.core.InvalidInputException;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclTrainer;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.evaluation.DiscoveryEvaluation;
import org.ncl.core.io.AtomicFiles;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.Checkpoint;
import org.ncl.core.progress.TrainingCancelledException;
import org.ncl.core.progress.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ncl discover}: trains NCL (Zhong et al., CVPR 2021) on rows of which some carry a known label and the rest
 * are to be sorted into novel classes, and writes into the output directory the model ({@value #MODEL}, the core's
 * versioned zip, written atomically), the predictions for the training rows ({@value #PREDICTIONS}), the metrics
 * ({@value #METRICS}) and the pictures ({@link ModelPlots}). With ground truth it prints the results table of the
 * main job ({@link DiscoverResults}: novel head against k-means, known head, task-agnostic), otherwise the
 * known-class accuracy on the labeled rows and the size of every cluster.
 *
 * <p>The output directory is checked and locked before training and the files replace an earlier run's as a set
 * ({@link Outputs.OutputDirectory}): a run that fails or is stopped at any point leaves the earlier files as they were.
 */
@Command(
        name = "discover",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train NCL on data with a few labeled classes; write the model, predictions, metrics and plots.",
            "Input: --csv, --arff, --idx or the embedded Fashion-MNIST test split (default). Every NCL setting can be "
                    + "set with --option NAME=VALUE (or a bare NAME=VALUE argument)."
        })
final class DiscoverCommand implements Callable<Integer> {

    /** File name of the model in the output directory. */
    static final String MODEL = "model.ncl";
    /** File name of the predictions. */
    static final String PREDICTIONS = "predictions.csv";
    /** The model of the last finished discovery epoch, kept when training is stopped (deleted after success). */
    static final String CHECKPOINT = "checkpoint.ncl";
    /** File name of the metrics. */
    static final String METRICS = "metrics.json";
    /**
     * Every file name the command writes into the output directory: a run replaces the files of an earlier run
     * with these names as a set (the ones it does not write are removed).
     */
    static final List<String> OUTPUT_NAMES = List.of(
            MODEL, PREDICTIONS, METRICS, ModelPlots.EMBEDDING, ModelPlots.CONFUSION, ModelPlots.CURVES, CHECKPOINT);

    /** The default output directory. */
    static final String DEFAULT_OUT = "target/ncl-discover";

    private final BooleanSupplier cancelled;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    Settings settings;

    @Parameters(paramLabel = "NAME=VALUE", arity = "0..*", description = "NCL settings, as --option NAME=VALUE.")
    List<String> positional = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = DEFAULT_OUT,
            description = "Output directory (created if needed; default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-baseline", description = "Skip the k-means baseline of the results table.")
    boolean noBaseline;

    @Option(names = "--no-plots", description = "Do not draw the pictures.")
    boolean noPlots;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress output while training (warnings, such as a collapse, are still shown).")
    boolean quiet;

    DiscoverCommand(BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        Map<String, String> given = settings.given(positional, cl);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(cl, "--out must be a directory, but " + out + " is a file");
        }
        DiscoveryData d = data.forTraining(cl);
        // the scores after training compare the known classes with the true classes by name: check before training
        DiscoveryEvaluation.knownClassTruth(d);
        int numNovel = numNovel(d, given, cl);
        NclOptions options = Settings.build(numNovel, given, cl);
        checkOptionsFitData(options, d, cl);
        Map<String, String> changed = changedSettings(options);
        try (Outputs.OutputDirectory dir = Outputs.OutputDirectory.open(cl, "--out", out, OUTPUT_NAMES)) {
            run(cl, d, numNovel, options, changed, dir);
        }
        return 0;
    }

    private void run(
            CommandLine cl,
            DiscoveryData d,
            int numNovel,
            NclOptions options,
            Map<String, String> changed,
            Outputs.OutputDirectory dir)
            throws IOException {
        PrintWriter o = cl.getOut();

        o.printf(
                Locale.ROOT,
                "NCL novel class discovery on %s: %d rows, %d labeled (classes %s), %d unlabeled, C_u = %d, "
                        + "seed %d%n",
                data.describe(),
                d.numRows(),
                d.labeledRows().length,
                d.knownClassNames(),
                d.unlabeledRows().length,
                options.numNovelClasses(),
                options.get(SEED));
        o.println("settings changed from the defaults: " + (changed.isEmpty() ? "none" : changed));
        o.flush();

        Path modelFile = dir.staged(MODEL);
        long t0 = System.nanoTime();
        TrainingListener progress = TrainingProgress.create(o, quiet, options.get(BATCH_SIZE));
        Path checkpointFile = dir.staged(CHECKPOINT);
        int[] checkpointEpoch = {-1};
        TrainingListener checkpoints = new TrainingListener() {
            @Override
            public void onCheckpoint(Checkpoint checkpoint) {
                try {
                    checkpoint.save(checkpointFile);
                    checkpointEpoch[0] = checkpoint.epoch();
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot write the checkpoint " + checkpointFile + ": " + e.getMessage(), e);
                }
            }
        };
        NclModel model;
        try {
            model = new NclTrainer(options).train(d, progress.and(checkpoints), cancelled);
        } catch (TrainingCancelledException e) {
            String kept = checkpointEpoch[0] < 0
                    ? ""
                    : "; the model of discovery epoch " + (checkpointEpoch[0] + 1) + " is in "
                            + dir.keep(CHECKPOINT, CHECKPOINT);
            throw new CancelledException(
                    e.getMessage() + "; no new model was written (files already in " + out + " are unchanged)" + kept,
                    e);
        } finally {
            TrainingProgress.finish(progress);
        }
        Files.deleteIfExists(checkpointFile);
        try (model) {
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            model.save(modelFile);
            stopIfCancelled(dir);
            List<NclPrediction> predictions = model.predict(d);
            Path predictionsFile = dir.staged(PREDICTIONS);
            AtomicFiles.writeString(predictionsFile, Outputs.predictionsCsv(model, d, predictions));

            JsonObject metrics = new JsonObject();
            metrics.addProperty("input", data.describe());
            metrics.addProperty("rows", d.numRows());
            metrics.addProperty("labeledRows", d.labeledRows().length);
            metrics.addProperty("unlabeledRows", d.unlabeledRows().length);
            metrics.add("knownClasses", Outputs.array(d.knownClassNames()));
            metrics.addProperty("numNovelClasses", options.numNovelClasses());
            metrics.add("settingsChanged", Outputs.GSON.toJsonTree(changed));
            o.println();
            if (d.hasGroundTruth() && d.unlabeledRows().length > 0) {
                ClusteringScores kmeans = new ClusteringScores(Double.NaN, Double.NaN, Double.NaN, 0);
                int restarts = 0;
                double kmeansSeconds = 0;
                stopIfCancelled(dir);
                if (!noBaseline) {
                    o.printf(
                            Locale.ROOT,
                            "k-means baseline: k = %d, %d restarts, raw features of the %d unlabeled rows ...%n",
                            numNovel,
                            Discover.KMEANS_RESTARTS,
                            d.unlabeledRows().length);
                    o.flush();
                    long k0 = System.nanoTime();
                    kmeans = Evaluation.kmeans(d, numNovel, Discover.KMEANS_RESTARTS, options.get(SEED));
                    kmeansSeconds = (System.nanoTime() - k0) / 1e9;
                    restarts = Discover.KMEANS_RESTARTS;
                }
                DiscoverResults r = DiscoverResults.of(
                        d, predictions, kmeans, restarts, kmeansSeconds, model.provenance(), trainSeconds);
                o.println();
                o.print(r.text());
                metrics.add("novel", Outputs.scores(r.novel()));
                if (restarts > 0) {
                    metrics.add("kmeans", Outputs.scores(r.kmeans()));
                    metrics.addProperty("kmeansRestarts", restarts);
                }
                if (r.knownRows() > 0) {
                    metrics.addProperty("knownAccuracy", r.knownAccuracy());
                    metrics.addProperty("knownRows", r.knownRows());
                }
                metrics.add("taskAgnostic", Outputs.scores(r.taskAgnostic()));
                metrics.addProperty("taskAgnosticStrictAccuracy", r.taskAgnosticStrict());
            } else if (d.labeledRows().length > 0) {
                double known = Evaluation.knownAccuracy(d, predictions);
                ResultsTable t = ResultsTable.withHeader("result", "rows", "value")
                        .withRow(
                                "NCL known head, labeled rows (accuracy)",
                                Integer.toString(d.labeledRows().length),
                                Outputs.f4(known));
                o.print(t.text());
                o.println("no ground truth: novel clusters cannot be scored; rows per output below");
                metrics.addProperty("knownAccuracy", known);
                metrics.addProperty("knownRows", d.labeledRows().length);
            } else {
                o.println(
                        "no known classes and no ground truth: plain clustering, nothing to score; rows per output below");
            }
            JsonObject counts = Outputs.outputCounts(model, predictions);
            o.println("rows per output: "
                    + counts.toString().replace("\"", "").replace(",", ", ").replace(":", "="));
            metrics.add("rowsPerOutput", counts);
            metrics.addProperty("trainSeconds", trainSeconds);
            metrics.add(
                    "stageSeconds", Outputs.GSON.toJsonTree(model.provenance().stageSeconds()));
            metrics.addProperty("selectedEpoch", model.provenance().selectedEpoch());
            metrics.addProperty("selectionScore", model.provenance().selectionScore());
            metrics.add(
                    "chosenByTrainer",
                    Outputs.GSON.toJsonTree(model.provenance().choices()));

            List<Path> files = new ArrayList<>(List.of(modelFile, predictionsFile, dir.staged(METRICS)));
            if (!noPlots) {
                stopIfCancelled(dir);
                files.addAll(ModelPlots.write(model, d, predictions, dir.stagingDirectory()));
            }
            JsonObject fileList = new JsonObject();
            for (Path f : files) {
                fileList.addProperty(
                        f.getFileName().toString().replaceFirst("\\.[a-z]+$", ""),
                        f.getFileName().toString());
            }
            metrics.add("files", fileList);
            AtomicFiles.writeString(dir.staged(METRICS), Outputs.GSON.toJson(metrics) + "\n");
            stopIfCancelled(dir);
            List<Path> written = dir.commit();
            o.println("wrote to " + out.toAbsolutePath().normalize() + ": "
                    + String.join(
                            ", ",
                            written.stream()
                                    .map(f -> f.getFileName().toString())
                                    .toList()));
        }
    }

    /**
     * Ends the command when Ctrl-C was pressed after training: the files of an earlier run stay as they were (the
     * outputs replace them only as a set), the trained model is kept as the checkpoint.
     */
    private void stopIfCancelled(Outputs.OutputDirectory dir) throws IOException {
        if (cancelled.getAsBoolean()) {
            Path kept = dir.keep(MODEL, CHECKPOINT);
            throw new CancelledException(
                    "stopped after training; no output file in " + dir.dir() + " was replaced; the trained model "
                            + "was saved to " + kept,
                    null);
        }
    }

    /**
     * The core's input validation before anything is written: a setting that does not fit the data (more novel
     * classes than unlabeled rows, an encoder for another shape) is a usage error (exit code 2), in the tool's
     * words; a problem of the data itself stays a failure while running (exit code 1).
     */
    private static void checkOptionsFitData(NclOptions options, DiscoveryData d, CommandLine cl) {
        try {
            new NclTrainer(options).validate(d);
        } catch (InvalidInputException e) {
            switch (e.problem()) {
                case TOO_MANY_NOVEL_CLASSES ->
                    throw new ParameterException(
                            cl,
                            "-k/--novel-classes " + options.numNovelClasses() + " is more than the "
                                    + d.unlabeledRows().length + " unlabeled rows of " + "the data: give at most "
                                    + d.unlabeledRows().length);
                case OPTION_DOES_NOT_FIT_DATA -> throw new ParameterException(cl, e.getMessage());
                default -> throw e;
            }
        }
    }

    /** C_u: given, or the number of ground-truth classes that are not known classes. */
    private static int numNovel(DiscoveryData d, Map<String, String> given, CommandLine cl) {
        String v = given.get("numNovelClasses");
        if (v != null) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new ParameterException(cl, "--novel-classes must be a whole number, got '" + v + "'");
            }
        }
        if (!d.hasGroundTruth()) {
            throw new ParameterException(
                    cl,
                    "--novel-classes K is required: the data has no ground truth to count " + "the novel classes from");
        }
        TreeSet<String> novel = new TreeSet<>();
        for (int g : d.groundTruth()) {
            novel.add(d.groundTruthNames().get(g));
        }
        novel.removeAll(d.knownClassNames());
        if (novel.isEmpty()) {
            throw new ParameterException(
                    cl,
                    "every ground-truth class is a known class: there is nothing to discover "
                            + "(give --novel-classes K to train anyway)");
        }
        return novel.size();
    }

    /** The settings that differ from the defaults, by name. */
    static Map<String, String> changedSettings(NclOptions options) {
        Map<String, String> defaults =
                NclOptions.builder(options.numNovelClasses()).build().toMap();
        Map<String, String> changed = new LinkedHashMap<>();
        options.toMap().forEach((k, v) -> {
            if (!v.equals(defaults.get(k))) {
                changed.put(k, v);
            }
        });
        return changed;
    }
}
