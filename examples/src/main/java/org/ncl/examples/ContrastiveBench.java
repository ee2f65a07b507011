// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVES;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.NCL_WEIGHT;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.PRETRAIN_METHOD;
import static org.ncl.core.options.NclOptions.PRETRAIN_OBJECTIVE;
import static org.ncl.core.options.NclOptions.PROJECTION_DIM;
import static org.ncl.core.options.NclOptions.SCL_WEIGHT;
import static org.ncl.core.options.NclOptions.SEED;
import static org.ncl.core.options.NclOptions.UNLABELED_OBJECTIVE;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ncl.cli.Evaluation;
import org.ncl.core.Djl;
import org.ncl.core.NclModel;
import org.ncl.core.NclTrainer;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.data.Standardizer;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.nn.Encoders;
import org.ncl.core.nn.Inference;
import org.ncl.core.nn.NclNetwork;
import org.ncl.core.nn.TrainingNetwork;
import org.ncl.core.options.ContrastiveSite;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.FalseNegativeHandling;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.PretrainMethod;
import org.ncl.core.progress.CollapseReport;
import org.ncl.core.progress.TrainingListener;
import org.ncl.core.train.PretrainStage;
import org.ncl.core.train.TrainingContext;

/**
 * The benchmark of issue 5: the contrastive-sampling family ({@link ContrastiveStrategy}) on Fashion-MNIST.
 * <ol>
 * <li>Self-supervised representation quality: the encoder pretrained by each strategy on the training rows with
 *     every label hidden, scored on the test split by k-NN (k = {@value #KNN_K}, cosine, votes weighted by
 *     exp(s/0.07)) and a linear probe (multinomial logistic regression, Adam, on the standardised embeddings),
 *     with the pretraining's wall time and peak memory (RSS and heap peaks are reset before each run).</li>
 * <li>The ablation of NCL (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR
 *     2021, in the style of its table 4): baseline (L_ce + L_bce + L_mse, no contrastive term), +NCL (L_ncl
 *     without hard negatives), +SCL (L_scl), +HNG (the defaults), then each alternative strategy swapped into
 *     L_ncl and false-negative handling, novel ACC/NMI/ARI on the unlabeled training rows over seeds.</li>
 * </ol>
 * Prints a markdown report and writes it with a JSON file ({@link ContrastiveBenchResults}) to
 * {@code DIR/contrastive-<timestamp>.{md,json}}.
 *
 * <p>Usage: see {@link #USAGE}. Exit code 0 on success, 1 if the data is missing, 2 for bad arguments.
 */
public final class ContrastiveBench {

    /** Neighbours of the k-NN probe. */
    public static final int KNN_K = 20;
    /** Part 1's default strategies: every one that can pretrain without labels, and false-negative handling. */
    public static final List<String> DEFAULT_PRETRAIN =
            List.of("INFONCE", "DCL", "HCL", "SSCL", "MOCHI", "INFONCE+ELIMINATE", "INFONCE+ATTRACT");
    /** Part 2's default variants. */
    public static final List<String> DEFAULT_ABLATION = List.of(
            "baseline",
            "+NCL",
            "+SCL",
            "+HNG",
            "INFONCE",
            "SUPCON",
            "DCL",
            "HCL",
            "SSCL",
            "MOCHI",
            "NCL+ELIMINATE",
            "NCL+ATTRACT");

    static final String USAGE = "usage: java -cp examples/target/ncl-examples.jar org.ncl.examples.ContrastiveBench "
            + "[DATA_DIR] [--part pretrain|discovery|both] [--rows N] [--test-rows N] [--pretrain-epochs E]\n"
            + "       [--seeds S] [--pretrain-strategies A,B,...] [--ablation V,W,...] [--out DIR] [key=value ...]\n"
            + "  DATA_DIR: the four Fashion-MNIST IDX files (default " + FashionMnist.DEFAULT_DIRECTORY + ");\n"
            + "  --rows: training rows used (a seeded sample, default all 60000); --test-rows: test rows (default 10000);\n"
            + "  --pretrain-epochs: part 1's epochs (default: option pretrainEpochs); --seeds: seeds 1..S (default 3);\n"
            + "  --pretrain-strategies: STRATEGY[+ELIMINATE|+ATTRACT] (default " + String.join(",", DEFAULT_PRETRAIN)
            + ");\n"
            + "  --ablation: baseline, +NCL, +SCL, +HNG or STRATEGY[+ELIMINATE|+ATTRACT] swapped into L_ncl\n"
            + "    (default " + String.join(",", DEFAULT_ABLATION) + ");\n"
            + "  key=value: any NCL option for every run, e.g. encoder=MLP discoveryEpochs=4 (defaults: NclOptions.builder(5))";

    /** The parsed command line. */
    record Settings(
            Path dataDir,
            String part,
            int rows,
            int testRows,
            int pretrainEpochs,
            int seeds,
            List<String> pretrain,
            List<String> ablation,
            Path out,
            Map<String, String> options) {

        static Settings parse(String[] args) {
            Path dataDir = FashionMnist.DEFAULT_DIRECTORY;
            String part = "both";
            int rows = 60000;
            int testRows = 10000;
            int pretrainEpochs = -1;
            int seeds = 3;
            List<String> pretrain = DEFAULT_PRETRAIN;
            List<String> ablation = DEFAULT_ABLATION;
            Path out = Bench.DEFAULT_OUT_DIR;
            Map<String, String> options = new LinkedHashMap<>();
            boolean positional = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("flag " + a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--part" -> {
                            if (!List.of("pretrain", "discovery", "both").contains(v)) {
                                throw new IllegalArgumentException(
                                        "--part must be pretrain, discovery or both, got " + v);
                            }
                            part = v;
                        }
                        case "--rows" -> rows = positiveInt(a, v);
                        case "--test-rows" -> testRows = positiveInt(a, v);
                        case "--pretrain-epochs" -> pretrainEpochs = positiveInt(a, v);
                        case "--seeds" -> seeds = positiveInt(a, v);
                        case "--pretrain-strategies" -> pretrain = list(v);
                        case "--ablation" -> ablation = list(v);
                        case "--out" -> out = Path.of(v);
                        default -> throw new IllegalArgumentException("unknown flag " + a);
                    }
                } else if (a.contains("=")) {
                    options.put(
                            a.substring(0, a.indexOf('=')).trim(),
                            a.substring(a.indexOf('=') + 1).trim());
                } else if (!positional) {
                    dataDir = Path.of(a);
                    positional = true;
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + a + "'");
                }
            }
            Settings s = new Settings(
                    dataDir, part, rows, testRows, pretrainEpochs, seeds, pretrain, ablation, out, options);
            // every variant must make valid options before anything runs
            for (String spec : s.pretrain) {
                s.pretrainOptions(spec, 1);
            }
            for (String spec : s.ablation) {
                s.ablationOptions(spec, 1);
            }
            return s;
        }

        private static int positiveInt(String flag, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " expects a positive integer, got '" + v + "'");
            }
        }

        private static List<String> list(String v) {
            return Arrays.stream(v.split(","))
                    .map(String::trim)
                    .filter(x -> !x.isEmpty())
                    .toList();
        }

        NclOptions.Builder base(long seed) {
            NclOptions.Builder b = NclOptions.builder(5);
            options.forEach(b::set);
            return b.set(SEED, seed);
        }

        /** Part 1: STRATEGY[+ELIMINATE|+ATTRACT] as pretraining options. */
        NclOptions pretrainOptions(String spec, long seed) {
            String[] p = spec.split("\\+");
            NclOptions.Builder b = base(seed)
                    .set(PRETRAIN_METHOD, PretrainMethod.CONTRASTIVE)
                    .set(PRETRAIN_OBJECTIVE, strategy(spec, p[0], ContrastiveSite.PRETRAIN));
            if (p.length > 1) {
                b.set(FALSE_NEGATIVES, handling(spec, p[1]));
            }
            if (pretrainEpochs > 0) {
                b.set(PRETRAIN_EPOCHS, pretrainEpochs);
            }
            return b.build();
        }

        /** Part 2: a variant as discovery options. */
        NclOptions ablationOptions(String spec, long seed) {
            NclOptions.Builder b = base(seed);
            switch (spec) {
                case "baseline" -> b.set(NCL_WEIGHT, 0.0).set(SCL_WEIGHT, 0.0).set(HARD_NEGATIVES, false);
                case "+NCL" -> b.set(SCL_WEIGHT, 0.0).set(HARD_NEGATIVES, false);
                case "+SCL" -> b.set(HARD_NEGATIVES, false);
                case "+HNG" -> b.set(HARD_NEGATIVES, true);
                default -> {
                    String[] p = spec.split("\\+");
                    b.set(UNLABELED_OBJECTIVE, strategy(spec, p[0], ContrastiveSite.UNLABELED));
                    if (p.length > 1) {
                        b.set(FALSE_NEGATIVES, handling(spec, p[1]));
                    }
                }
            }
            return b.build();
        }

        private static ContrastiveStrategy strategy(String spec, String name, ContrastiveSite site) {
            try {
                ContrastiveStrategy s = ContrastiveStrategy.valueOf(name.toUpperCase(Locale.ROOT));
                if (!s.supports(site)) {
                    throw new IllegalArgumentException("'" + spec + "': " + s + " cannot serve " + site.option());
                }
                return s;
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("'")) {
                    throw e;
                }
                throw new IllegalArgumentException("'" + spec + "': unknown strategy '" + name + "'; expected one of "
                        + Arrays.toString(ContrastiveStrategy.values()));
            }
        }

        private static FalseNegativeHandling handling(String spec, String name) {
            try {
                return FalseNegativeHandling.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + spec + "': unknown false-negative handling '" + name
                        + "'; expected ELIMINATE or ATTRACT");
            }
        }

        Map<String, String> describe() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("part", part);
            m.put("dataDir", dataDir.toString());
            m.put("rows", Integer.toString(rows));
            m.put("testRows", Integer.toString(testRows));
            m.put("pretrainEpochs", pretrainEpochs > 0 ? Integer.toString(pretrainEpochs) : "default");
            m.put("seeds", Integer.toString(seeds));
            return m;
        }
    }

    private ContrastiveBench() {}

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        BenchMain.main(ContrastiveBench::run, args);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Settings s;
        try {
            s = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            return BenchMain.usageError(e, USAGE, err);
        }
        long t0 = System.nanoTime();
        DiscoveryData train;
        DiscoveryData test;
        try {
            train = FashionMnist.load(s.dataDir(), true, FashionMnist.defaultKnownClasses());
            test = FashionMnist.load(s.dataDir(), false, FashionMnist.defaultKnownClasses());
        } catch (NoSuchFileException e) {
            err.println("error: Fashion-MNIST not found: " + e.getFile());
            return 1;
        }
        train = sample(train, s.rows(), 0x5EEDL);
        test = sample(test, s.testRows(), 0x7E57L);
        out.printf(
                Locale.ROOT,
                "contrastive benchmark on Fashion-MNIST: %d training rows, %d test rows, %d seed(s), part %s%n",
                train.numRows(),
                test.numRows(),
                s.seeds(),
                s.part());

        List<ContrastiveBenchResults.PretrainRow> pretraining = new ArrayList<>();
        if (!s.part().equals("discovery")) {
            for (String spec : s.pretrain()) {
                pretraining.add(pretrainRow(s, spec, train, test, out));
            }
        }
        List<ContrastiveBenchResults.AblationRow> ablation = new ArrayList<>();
        if (!s.part().equals("pretrain")) {
            for (String spec : s.ablation()) {
                ablation.add(ablationRow(s, spec, train, out));
            }
        }
        Instant now = Instant.now();
        ContrastiveBenchResults results = new ContrastiveBenchResults(
                now.toString(),
                List.of(args),
                s.describe(),
                s.options(),
                pretraining,
                ablation,
                Djl.threads(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                (System.nanoTime() - t0) / 1e9);
        BenchMain.writeReports(s.out(), "contrastive", now, results.toJson(), results.markdown(), out);
        return 0;
    }

    /** A seeded sample of {@code n} rows (all rows when n is larger), in the original order. */
    static DiscoveryData sample(DiscoveryData d, int n, long seed) {
        if (n >= d.numRows()) {
            return d;
        }
        int[] ids = new int[d.numRows()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = ids.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        int[] keep = Arrays.copyOf(ids, n);
        Arrays.sort(keep);
        return d.subset(keep);
    }

    private static ContrastiveBenchResults.PretrainRow pretrainRow(
            Settings s, String spec, DiscoveryData train, DiscoveryData test, PrintStream out) throws IOException {
        List<Double> knn = new ArrayList<>();
        List<Double> probe = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        double rss = -1;
        double heap = 0;
        for (int seed = 1; seed <= s.seeds(); seed++) {
            NclOptions o = s.pretrainOptions(spec, seed);
            resetPeaks();
            long t = System.nanoTime();
            float[][] emb = pretrainAndEmbed(o, train, test);
            double sec = (System.nanoTime() - t) / 1e9;
            PeakMemory mem = PeakMemory.measure();
            int d = emb[0].length / train.numRows();
            double k = knnAccuracy(emb[0], train.groundTruth(), emb[1], test.groundTruth(), d, 10, KNN_K);
            double p = linearProbeAccuracy(emb[0], train.groundTruth(), emb[1], test.groundTruth(), d, 10, seed);
            knn.add(k);
            probe.add(p);
            seconds.add(sec);
            rss = Math.max(rss, mem.rssPeakBytes() < 0 ? -1 : mem.rssPeakBytes() / 1048576.0);
            heap = Math.max(heap, mem.heapPeakBytes() / 1048576.0);
            out.printf(
                    Locale.ROOT,
                    "pretrain %-18s seed %d: k-NN %.4f, linear probe %.4f, %.1f s, peak RSS %s%n",
                    spec,
                    seed,
                    k,
                    p,
                    sec,
                    PeakMemory.mib(mem.rssPeakBytes()));
        }
        return new ContrastiveBenchResults.PretrainRow(
                spec,
                ContrastiveBenchResults.Stat.of(knn),
                ContrastiveBenchResults.Stat.of(probe),
                ContrastiveBenchResults.Stat.of(seconds),
                rss,
                heap);
    }

    private static ContrastiveBenchResults.AblationRow ablationRow(
            Settings s, String spec, DiscoveryData train, PrintStream out) {
        List<Double> acc = new ArrayList<>();
        List<Double> nmi = new ArrayList<>();
        List<Double> ari = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        int[] collapsed = {0};
        DiscoveryData unlabeled = train.subset(train.unlabeledRows());
        for (int seed = 1; seed <= s.seeds(); seed++) {
            NclOptions o = s.ablationOptions(spec, seed);
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onCollapse(CollapseReport report) {
                    collapsed[0]++;
                }
            };
            long t = System.nanoTime();
            try (NclModel model = new NclTrainer(o).train(train, listener)) {
                double sec = (System.nanoTime() - t) / 1e9;
                ClusteringScores scores = Evaluation.novelHead(unlabeled, model.predict(unlabeled));
                acc.add(scores.accuracy());
                nmi.add(scores.nmi());
                ari.add(scores.ari());
                seconds.add(sec);
                out.printf(
                        Locale.ROOT,
                        "discovery %-14s seed %d: novel ACC %.4f NMI %.4f ARI %.4f, %.1f s%n",
                        spec,
                        seed,
                        scores.accuracy(),
                        scores.nmi(),
                        scores.ari(),
                        sec);
            }
        }
        return new ContrastiveBenchResults.AblationRow(
                spec,
                setting(spec),
                ContrastiveBenchResults.Stat.of(acc),
                ContrastiveBenchResults.Stat.of(nmi),
                ContrastiveBenchResults.Stat.of(ari),
                ContrastiveBenchResults.Stat.of(seconds),
                collapsed[0]);
    }

    static String setting(String spec) {
        return switch (spec) {
            case "baseline" -> "nclWeight=0 sclWeight=0 hardNegatives=false";
            case "+NCL" -> "sclWeight=0 hardNegatives=false";
            case "+SCL" -> "hardNegatives=false";
            case "+HNG" -> "defaults (unlabeledObjective=NCL, hardNegatives=true)";
            default -> {
                String[] p = spec.split("\\+");
                yield "unlabeledObjective=" + p[0].toUpperCase(Locale.ROOT)
                        + (p.length > 1 ? " falseNegatives=" + p[1].toUpperCase(Locale.ROOT) : "");
            }
        };
    }

    /** Resets the JVM heap pools' peaks and, on Linux, the process's peak RSS (VmHWM). */
    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        Path clear = Path.of("/proc/self/clear_refs");
        if (Files.isWritable(clear)) {
            try {
                Files.writeString(clear, "5");
            } catch (IOException e) {
                // not resettable here (e.g. a restricted container): the peak then covers the whole run
                System.err.println(
                        "note: cannot reset the peak RSS (" + e.getMessage() + "); it covers the run so far");
            }
        }
    }

    /**
     * Pretrains a fresh encoder on {@code train}'s rows with every label hidden (stage 1 of NCL only) and returns
     * the L2-normalised features f/‖f‖ of the training and the test rows.
     */
    static float[][] pretrainAndEmbed(NclOptions o, DiscoveryData train, DiscoveryData test) {
        Engine engine = Djl.engine();
        Device device = Djl.device(o.get(DEVICE));
        engine.setRandomSeed(o.get(SEED).intValue());
        Standardizer standardizer = Standardizer.fit(train);
        float[] rows = standardizer.apply(train.features());
        int[] shape = train.sampleShape();
        EncoderType type = Encoders.resolve(o.get(ENCODER), shape);
        try (NDManager manager = NDManager.newBaseManager(device, engine.getEngineName())) {
            SequentialBlock encoder = Encoders.create(type, shape, o);
            NclNetwork network = new NclNetwork(encoder, 2, o.numNovelClasses());
            TrainingNetwork training = new TrainingNetwork(network, Encoders.outputDim(type, o), o.get(PROJECTION_DIM));
            training.initialize(manager, DataType.FLOAT32, Inference.batchShape(2, shape));
            int[] hidden = new int[train.numRows()];
            Arrays.fill(hidden, DiscoveryData.UNLABELED);
            TrainingContext ctx = new TrainingContext(
                    o,
                    manager,
                    device,
                    training,
                    rows,
                    shape,
                    hidden,
                    null,
                    new SplittableRandom(o.get(SEED)),
                    TrainingListener.NONE,
                    null,
                    report -> {});
            PretrainStage.run(ctx);
            float[] a =
                    Inference.run(network, manager, device, rows, shape, 512).normalisedFeatures();
            float[] b = Inference.run(network, manager, device, standardizer.apply(test.features()), shape, 512)
                    .normalisedFeatures();
            return new float[][] {a, b};
        }
    }

    /** Weighted k-NN accuracy: the k most cosine-similar training rows vote with weight exp(s/0.07). */
    static double knnAccuracy(
            float[] memory, int[] memoryLabels, float[] queries, int[] queryLabels, int d, int classes, int k) {
        int n = memoryLabels.length;
        int q = queryLabels.length;
        int kk = Math.min(k, n);
        int correct = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mem = m.create(memory, new Shape(n, d)).transpose();
            for (int from = 0; from < q; from += 512) {
                int rows = Math.min(512, q - from);
                try (NDManager step = m.newSubManager()) {
                    NDArray x =
                            step.create(Arrays.copyOfRange(queries, from * d, (from + rows) * d), new Shape(rows, d));
                    NDList top = x.matMul(mem).topK(kk, 1, true, true);
                    float[] sims = top.get(0).toFloatArray();
                    long[] idx = top.get(1).toType(DataType.INT64, false).toLongArray();
                    for (int i = 0; i < rows; i++) {
                        double[] votes = new double[classes];
                        for (int j = 0; j < kk; j++) {
                            votes[memoryLabels[(int) idx[i * kk + j]]] += Math.exp(sims[i * kk + j] / 0.07);
                        }
                        int best = 0;
                        for (int c = 1; c < classes; c++) {
                            if (votes[c] > votes[best]) {
                                best = c;
                            }
                        }
                        if (best == queryLabels[from + i]) {
                            correct++;
                        }
                    }
                }
            }
        }
        return correct / (double) q;
    }

    /**
     * Linear-probe accuracy: multinomial logistic regression on the training embeddings (standardised with the
     * training mean and standard deviation), full-batch Adam (lr 0.05, 300 steps, L2 1e-4), scored on the queries.
     */
    static double linearProbeAccuracy(
            float[] trainX, int[] trainY, float[] testX, int[] testY, int d, int classes, long seed) {
        int n = trainY.length;
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += trainX[i * d + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float v = trainX[i * d + j] - mean[j];
                std[j] += v * v / n;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = (float) Math.max(Math.sqrt(std[j]), 1e-6);
        }
        float[] x = standardise(trainX, mean, std, d);
        float[] xt = standardise(testX, mean, std, d);
        float[] onehot = new float[n * classes];
        for (int i = 0; i < n; i++) {
            onehot[i * classes + trainY[i]] = 1f;
        }
        int p = (d + 1) * classes;
        double[] w = new double[p];
        double[] m1 = new double[p];
        double[] m2 = new double[p];
        double lr = 0.05;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(n, d)).concat(m.ones(new Shape(n, 1)), 1);
            NDArray y = m.create(onehot, new Shape(n, classes));
            for (int it = 1; it <= 300; it++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray wa = step.create(toFloat(w), new Shape(d + 1, classes));
                    NDArray prob = xa.matMul(wa).softmax(1);
                    float[] g = xa.transpose().matMul(prob.sub(y)).toFloatArray();
                    for (int i = 0; i < p; i++) {
                        double gi = g[i] / n + (i < d * classes ? 1e-4 * w[i] : 0);
                        m1[i] = 0.9 * m1[i] + 0.1 * gi;
                        m2[i] = 0.999 * m2[i] + 0.001 * gi * gi;
                        double mh = m1[i] / (1 - Math.pow(0.9, it));
                        double vh = m2[i] / (1 - Math.pow(0.999, it));
                        w[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                    }
                }
            }
            NDArray xq = m.create(xt, new Shape(testY.length, d)).concat(m.ones(new Shape(testY.length, 1)), 1);
            long[] pred = xq.matMul(m.create(toFloat(w), new Shape(d + 1, classes)))
                    .argMax(1)
                    .toLongArray();
            int correct = 0;
            for (int i = 0; i < testY.length; i++) {
                if (pred[i] == testY[i]) {
                    correct++;
                }
            }
            return correct / (double) testY.length;
        }
    }

    private static float[] standardise(float[] v, float[] mean, float[] std, int d) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - mean[i % d]) / std[i % d];
        }
        return out;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
