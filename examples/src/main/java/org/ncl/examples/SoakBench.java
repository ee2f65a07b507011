// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclTrainer;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.options.NclOptions;

/**
 * Soak test of the model's life cycle: in one JVM, many times over, trains NCL with tiny settings on a small data
 * set (the first {@value #DEFAULT_ROWS} rows of the embedded Fashion-MNIST test split, classes 0-4 known, an MLP
 * encoder), saves the model to a temporary file and to a stream, loads it back from both, predicts with each and
 * closes all three. Measures heap used (after {@link System#gc()}) and the process's resident set size
 * ({@code VmRSS} in {@code /proc/self/status}: PyTorch's native memory has no counter of its own, RSS is the
 * measure) after a warm-up, every {@value #SAMPLE_EVERY} cycles and at the end, and the least-squares slope of
 * both. Memory counts as flat when the end figures exceed the post-warm-up ones by no more than the larger of
 * {@value #TOLERANCE_FRACTION} of them and {@value #TOLERANCE_MIB} MiB. Prints the report and writes it as
 * {@code soak-<timestamp>.md} and {@code .json}.
 *
 * <p>Usage: see {@link #USAGE}. Exit code 0 when memory is flat (or with {@code --no-fail}), 3 when it is not, 2
 * for bad arguments.
 */
public final class SoakBench {

    /** Cycles unless {@code --cycles} says otherwise. */
    public static final int DEFAULT_CYCLES = 200;

    /** Warm-up cycles unless {@code --warmup} says otherwise. */
    public static final int DEFAULT_WARMUP = 5;

    /** Training rows per cycle unless {@code --rows} says otherwise. */
    public static final int DEFAULT_ROWS = 500;

    /** Cycles between samples. */
    public static final int SAMPLE_EVERY = 20;

    /** Relative growth allowed from the baseline to the end. */
    public static final double TOLERANCE_FRACTION = 0.10;

    /** Absolute growth allowed from the baseline to the end, in MiB. */
    public static final long TOLERANCE_MIB = 50;

    /** Exit code when memory is not flat. */
    public static final int NOT_FLAT = 3;

    /** Where the reports go unless {@code --out} says otherwise (relative to the working directory). */
    public static final Path DEFAULT_OUT_DIR = Path.of("docs", "benchmarks");

    /** The NCL settings of every training. */
    static final Map<String, String> SETTINGS = settings();

    static final String USAGE = "usage: java -cp examples/target/ncl-examples.jar org.ncl.examples.SoakBench "
            + "[--cycles N] [--warmup W] [--rows R] [--out DIR] [--no-fail]\n"
            + "  N times in one JVM: trains NCL (tiny settings, MLP) on the first R rows of the embedded\n"
            + "  Fashion-MNIST test split, saves to a file and a stream, loads both, predicts, closes; reports heap\n"
            + "  (after GC) and RSS after the W warm-up cycles, every " + SAMPLE_EVERY + " cycles and at the end,\n"
            + "  and whether memory stayed flat (end within 10% or 50 MiB of the post-warm-up figure);\n"
            + "  writes DIR/soak-<timestamp>.md and .json;\n"
            + "  --cycles: default " + DEFAULT_CYCLES + "; --warmup: default " + DEFAULT_WARMUP
            + " (fewer than N); --rows: default " + DEFAULT_ROWS + ";\n"
            + "  --out: default " + DEFAULT_OUT_DIR + ";\n"
            + "  --no-fail: exit 0 even when memory is not flat (otherwise exit " + NOT_FLAT + ")";

    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s*(\\d+)\\s*kB");

    private static final double MIB = 1024.0 * 1024.0;

    private SoakBench() {}

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("encoder", "MLP");
        m.put("pretrainEpochs", "1");
        m.put("supervisedEpochs", "1");
        m.put("discoveryEpochs", "1");
        m.put("mlpHiddenSizes", "32");
        m.put("embeddingDim", "16");
        m.put("projectionDim", "16");
        m.put("batchSize", "64");
        m.put("selectionSampleSize", "100");
        return m;
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        BenchMain.main(SoakBench::run, args);
    }

    /**
     * Runs the benchmark and writes the reports.
     *
     * @return the exit code: 0 when memory is flat or {@code --no-fail} was given, {@value #NOT_FLAT} when it is
     *     not, 2 for bad arguments
     * @throws IOException if the reports cannot be written
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Arguments cli;
        try {
            cli = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            return BenchMain.usageError(e, USAGE, err);
        }
        if (cli.help()) {
            out.println(USAGE);
            return 0;
        }
        SoakBenchResults results = measure(cli, Arrays.asList(args), out);
        BenchMain.writeReports(
                cli.out(), "soak", Instant.parse(results.timestamp()), results.toJson(), results.markdown(), out);
        out.println(results.verdict());
        return results.flat() || cli.noFail() ? 0 : NOT_FLAT;
    }

    /** Runs the cycles and takes the samples. */
    static SoakBenchResults measure(Arguments cli, List<String> command, PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        DiscoveryData all = FashionMnist.embeddedTest();
        DiscoveryData train = all.subset(
                IntStream.range(0, Math.min(cli.rows(), all.numRows())).toArray());
        NclOptions.Builder b = NclOptions.builder(5);
        SETTINGS.forEach(b::set);
        NclOptions options = b.build();
        out.printf(
                Locale.ROOT,
                "soak: %d cycles (%d warm-up) of train/save/load/predict/close on %d rows, settings %s%n",
                cli.cycles(),
                cli.warmup(),
                train.numRows(),
                SETTINGS);
        Path file = Files.createTempFile("ncl-soak-", ".ncl");
        List<SoakBenchResults.Sample> samples = new ArrayList<>();
        String engine = "";
        String os = "";
        long start = System.nanoTime();
        samples.add(sample(0, start, out));
        SoakBenchResults.Sample baseline = null;
        long baselineNanos = 0;
        try {
            for (int c = 1; c <= cli.cycles(); c++) {
                String[] env = cycle(options, train, file);
                engine = env[0];
                os = env[1];
                if (c == cli.warmup() || (c > cli.warmup() && (c % SAMPLE_EVERY == 0 || c == cli.cycles()))) {
                    SoakBenchResults.Sample s = sample(c, start, out);
                    samples.add(s);
                    if (c == cli.warmup()) {
                        baseline = s;
                        baselineNanos = System.nanoTime();
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        SoakBenchResults.Sample end = samples.get(samples.size() - 1);
        List<SoakBenchResults.Sample> tail = samples.subList(samples.indexOf(baseline), samples.size());
        double[] x = tail.stream().mapToDouble(SoakBenchResults.Sample::cycle).toArray();
        double rssSlope = SoakBenchResults.slope(
                x, tail.stream().mapToDouble(SoakBenchResults.Sample::rssBytes).toArray());
        double heapSlope = SoakBenchResults.slope(
                x,
                tail.stream()
                        .mapToDouble(SoakBenchResults.Sample::heapUsedBytes)
                        .toArray());
        long rssTolerance = tolerance(baseline.rssBytes());
        long heapTolerance = tolerance(baseline.heapUsedBytes());
        boolean flat = end.rssBytes() - baseline.rssBytes() <= rssTolerance
                && end.heapUsedBytes() - baseline.heapUsedBytes() <= heapTolerance;
        double measuredSeconds = (System.nanoTime() - baselineNanos) / 1e9;
        int measuredCycles = cli.cycles() - cli.warmup();
        return new SoakBenchResults(
                Instant.now().toString(),
                command,
                cli.cycles(),
                cli.warmup(),
                train.numRows(),
                SETTINGS,
                samples,
                baseline,
                end,
                rssSlope,
                heapSlope,
                rssTolerance,
                heapTolerance,
                flat,
                measuredSeconds > 0 ? measuredCycles / measuredSeconds : 0,
                engine,
                System.getProperty("java.version"),
                os,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * One cycle: train, save to the file and to a stream, load from both, predict with all three, close all.
     *
     * @return the engine and the operating system from the model's provenance
     */
    static String[] cycle(NclOptions options, DiscoveryData train, Path file) throws IOException {
        try (NclModel model = new NclTrainer(options).train(train)) {
            model.save(file);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.save(bytes);
            List<NclPrediction> expected = model.predict(train);
            try (NclModel fromFile = NclModel.load(file);
                    NclModel fromStream = NclModel.load(new ByteArrayInputStream(bytes.toByteArray()))) {
                check(expected, fromFile.predict(train), "file");
                check(expected, fromStream.predict(train), "stream");
            }
            return new String[] {model.provenance().engine(), model.provenance().os()};
        }
    }

    private static void check(List<NclPrediction> expected, List<NclPrediction> actual, String source) {
        if (expected.size() != actual.size()) {
            throw new IllegalStateException("the model loaded from the " + source + " predicts " + actual.size()
                    + " rows, not " + expected.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).label().equals(actual.get(i).label())) {
                throw new IllegalStateException("the model loaded from the " + source + " predicts "
                        + actual.get(i).label() + " for row " + i + ", the saved model "
                        + expected.get(i).label());
            }
        }
    }

    private static long tolerance(long baselineBytes) {
        return Math.max((long) (TOLERANCE_FRACTION * Math.max(0, baselineBytes)), TOLERANCE_MIB * 1024 * 1024);
    }

    private static SoakBenchResults.Sample sample(int cycle, long startNanos, PrintStream out) throws IOException {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = rss();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(
                Locale.ROOT,
                "  cycle %d: %.1f s, heap %s, RSS %s%n",
                cycle,
                seconds,
                PeakMemory.mib(heap),
                PeakMemory.mib(rss));
        return new SoakBenchResults.Sample(cycle, seconds, heap, rss);
    }

    /** The resident set size of this process now, or -1 where {@code /proc/self/status} is not available. */
    static long rss() throws IOException {
        Path status = Path.of("/proc/self/status");
        return Files.isReadable(status) ? parseVmRss(Files.readString(status, StandardCharsets.US_ASCII)) : -1;
    }

    /** The {@code VmRSS} value in bytes from the text of {@code /proc/self/status}, or -1 if it has none. */
    static long parseVmRss(String procStatus) {
        Matcher m = VM_RSS.matcher(procStatus);
        return m.find() ? Long.parseLong(m.group(1)) * 1024L : -1;
    }

    /**
     * The arguments of {@link SoakBench}.
     *
     * @param cycles cycles to run
     * @param warmup cycles before the baseline sample, fewer than {@code cycles}
     * @param rows training rows per cycle
     * @param out where the reports go
     * @param noFail whether to exit 0 even when memory is not flat
     * @param help whether {@code --help} or {@code -h} was given
     */
    record Arguments(int cycles, int warmup, int rows, Path out, boolean noFail, boolean help) {

        /**
         * Parses arguments; {@code --flag VALUE} and {@code --flag=VALUE} both work.
         *
         * @throws IllegalArgumentException for an unknown flag, a missing or bad value, or a warm-up not shorter
         *     than the run
         */
        static Arguments parse(String[] args) {
            int cycles = DEFAULT_CYCLES;
            Integer warmup = null;
            int rows = DEFAULT_ROWS;
            Path out = DEFAULT_OUT_DIR;
            boolean noFail = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String flag = a;
                String value = null;
                if (a.startsWith("--") && a.contains("=")) {
                    flag = a.substring(0, a.indexOf('='));
                    value = a.substring(a.indexOf('=') + 1);
                }
                switch (flag) {
                    case "--help", "-h" -> help = true;
                    case "--no-fail" -> noFail = true;
                    case "--cycles", "--warmup", "--rows", "--out" -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException("argument '" + flag + "' needs a value after it");
                            }
                            value = args[++i];
                        }
                        switch (flag) {
                            case "--cycles" -> cycles = positive(flag, value);
                            case "--warmup" -> warmup = positive(flag, value);
                            case "--rows" -> rows = positive(flag, value);
                            default -> {
                                if (value.isBlank()) {
                                    throw new IllegalArgumentException("argument '--out' needs a non-empty value");
                                }
                                out = Path.of(value);
                            }
                        }
                    }
                    default ->
                        throw new IllegalArgumentException("unknown argument '" + a
                                + "'; expected --cycles, --warmup, --rows, --out, --no-fail or --help");
                }
            }
            int w = warmup != null ? warmup : Math.min(DEFAULT_WARMUP, Math.max(1, cycles - 1));
            if (w >= cycles) {
                throw new IllegalArgumentException("--warmup (" + w + ") must be fewer than --cycles (" + cycles + ")");
            }
            return new Arguments(cycles, w, rows, out, noFail, help);
        }

        private static int positive(String flag, String value) {
            try {
                int v = Integer.parseInt(value.trim());
                if (v < 1) {
                    throw new IllegalArgumentException(flag + " must be at least 1, not " + v);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": '" + value + "' is not an integer", e);
            }
        }
    }
}
