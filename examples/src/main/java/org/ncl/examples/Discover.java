package org.ncl.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ncl.core.NclModel;
import org.ncl.core.NclOptions;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclTrainer;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.metrics.ClusteringScores;

/**
 * The project's main job: novel class discovery with NCL (Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood
 * Contrastive Learning for Novel Class Discovery", CVPR 2021) on the Fashion-MNIST test split shipped with
 * {@code ncl-core} (10,000 images; classes 0-4 labelled, 5-9 unlabeled and to be discovered, C_u = 5, seed 1).
 *
 * <p>Prints one line per training epoch, then a results table ({@link DiscoverResults}): the novel head's
 * ACC/NMI/ARI on the 5,000 unlabeled rows (task-aware, transductive: the paper's headline protocol), k-means
 * (k = C_u, 10 restarts) on the raw pixels of the same rows, the known head's accuracy on the labeled rows,
 * and task-agnostic accuracy over all rows (argmax over both heads; the Hungarian map over all outputs, and
 * the strict variant with known outputs fixed to their class). Saves the model to
 * {@code target/ncl-fashion-mnist.ncl} under the working directory.
 *
 * <p>Usage: {@code java -jar examples/target/ncl-examples.jar [key=value ...] [--out MODEL_FILE]}, where the
 * keys are NCL settings ({@link org.ncl.core.NclOptions#toMap()}), for example
 * {@code pretrainEpochs=1 supervisedEpochs=1 discoveryEpochs=1} for a quick check. Exit code 0 on success,
 * 2 for bad arguments.
 */
public final class Discover {

    /** Where the model is saved unless {@code --out} says otherwise. */
    public static final Path DEFAULT_MODEL_FILE = Path.of("target", "ncl-fashion-mnist.ncl");

    /** Runs of the k-means baseline. */
    public static final int KMEANS_RESTARTS = 10;

    static final String USAGE = "usage: java -jar examples/target/ncl-examples.jar [key=value ...] [--out MODEL_FILE]\n"
            + "  trains NCL on the embedded Fashion-MNIST test split (classes 0-4 labelled, 5-9 novel) and prints the results;\n"
            + "  key=value: any NCL setting, e.g. discoveryEpochs=10 device=CPU seed=2 (defaults: NclOptions.builder(5));\n"
            + "  --out: where to save the model (default " + DEFAULT_MODEL_FILE + ")";

    private Discover() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        prepareJvm();
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Sets, unless already given, DJL's offline mode (nothing is downloaded) and a quiet log level. Call first in
     * {@code main}, before any DJL or SLF4J class is loaded.
     */
    static void prepareJvm() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Runs the job.
     *
     * @return the exit code: 0 on success, 2 for bad arguments
     * @throws IOException if the model cannot be saved
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        CommandLine.Invocation start = CommandLine.start(args, 0, USAGE, out, err);
        if (!start.proceed()) {
            return start.exitCode();
        }
        CommandLine cli = start.cli();
        NclOptions options = start.options();
        Path modelFile = cli.out().orElse(DEFAULT_MODEL_FILE);

        DiscoveryData data = FashionMnist.embeddedTest();
        out.printf(Locale.ROOT, "NCL novel class discovery on the embedded Fashion-MNIST test split: %d rows, %d labelled "
                        + "(classes %s), %d unlabeled, C_u = %d, seed %d%n", data.numRows(), data.labeledRows().length,
                data.knownClassNames(), data.unlabeledRows().length, options.numNovelClasses(), options.seed());
        out.println("settings changed from the defaults: " + (cli.overrides().isEmpty() ? "none" : cli.overrides()));

        long t0 = System.nanoTime();
        try (NclModel model = new NclTrainer(options).train(data, new ConsoleProgress(out))) {
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            List<NclPrediction> predictions = model.predict(data);

            out.printf(Locale.ROOT, "k-means baseline: k = %d, %d restarts, raw pixels of the %d unlabeled rows ...%n",
                    options.numNovelClasses(), KMEANS_RESTARTS, data.unlabeledRows().length);
            long k0 = System.nanoTime();
            ClusteringScores kmeans = Evaluation.kmeans(data, options.numNovelClasses(), KMEANS_RESTARTS, options.seed());
            double kmeansSeconds = (System.nanoTime() - k0) / 1e9;

            DiscoverResults results = DiscoverResults.of(data, predictions, kmeans, KMEANS_RESTARTS, kmeansSeconds,
                    model.provenance(), trainSeconds);
            out.println();
            out.print(results.text());

            model.save(modelFile);
            out.println("model saved to " + modelFile.toAbsolutePath().normalize());
        }
        return 0;
    }
}
