// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements of one {@link SoakBench} run (train, save, load, predict and close, many times in one JVM),
 * rendered as JSON ({@link #toJson()}, read back by {@link #fromJson(String)}) and markdown ({@link #markdown()}).
 *
 * @param timestamp ISO-8601 instant the run finished
 * @param command the command-line arguments
 * @param cycles cycles run
 * @param warmupCycles cycles before the baseline sample
 * @param rows training rows per cycle
 * @param settings the NCL settings of every training, by name
 * @param samples heap and RSS after the warm-up, every {@value SoakBench#SAMPLE_EVERY} cycles and at the end (the
 *     first sample, cycle 0, is before any cycle)
 * @param baseline the sample after the warm-up, what the end is compared with
 * @param end the sample after the last cycle
 * @param rssSlopeBytesPerCycle least-squares slope of RSS over the samples from the baseline on
 * @param heapSlopeBytesPerCycle least-squares slope of heap used over the samples from the baseline on
 * @param rssToleranceBytes how far the end RSS may exceed the baseline's and still count as flat: the larger of
 *     {@value SoakBench#TOLERANCE_FRACTION} of the baseline and {@value SoakBench#TOLERANCE_MIB} MiB
 * @param heapToleranceBytes the same for the heap
 * @param flat whether both end figures are within their tolerance of the baseline
 * @param cyclesPerSecond cycles after the warm-up divided by their wall time (the samples' System.gc() included)
 * @param engine engine name and version
 * @param javaVersion Java version
 * @param os operating system and architecture
 * @param availableProcessors the JVM's available processors
 * @param maxHeapBytes the JVM's maximum heap
 * @param totalSeconds the whole run
 */
public record SoakBenchResults(
        String timestamp,
        List<String> command,
        int cycles,
        int warmupCycles,
        int rows,
        Map<String, String> settings,
        List<Sample> samples,
        Sample baseline,
        Sample end,
        double rssSlopeBytesPerCycle,
        double heapSlopeBytesPerCycle,
        long rssToleranceBytes,
        long heapToleranceBytes,
        boolean flat,
        double cyclesPerSecond,
        String engine,
        String javaVersion,
        String os,
        int availableProcessors,
        long maxHeapBytes,
        double totalSeconds) {

    private static final double MIB = 1024.0 * 1024.0;

    /** Copies the collections. */
    public SoakBenchResults {
        command = List.copyOf(command);
        settings = Map.copyOf(settings);
        samples = List.copyOf(samples);
    }

    /**
     * One measurement.
     *
     * @param cycle cycles completed when measured
     * @param seconds since the first cycle started
     * @param heapUsedBytes heap used after {@link System#gc()}
     * @param rssBytes resident set size ({@code VmRSS}; PyTorch's native memory included), -1 where unknown
     */
    public record Sample(int cycle, double seconds, long heapUsedBytes, long rssBytes) {}

    /** Pretty-printed JSON. */
    public String toJson() {
        return BenchMain.GSON.toJson(this);
    }

    /** Reads what {@link #toJson()} wrote. */
    public static SoakBenchResults fromJson(String json) {
        return BenchMain.GSON.fromJson(json, SoakBenchResults.class);
    }

    /** Least-squares slope of {@code y} over {@code x}; 0 for fewer than two distinct x. */
    static double slope(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /** One line saying whether memory stayed flat, with the figures. */
    public String verdict() {
        return String.format(
                Locale.ROOT,
                "%s: RSS %s -> %s (%+.1f MiB, tolerance %.1f MiB, slope %.1f KiB/cycle), "
                        + "heap %s -> %s (%+.1f MiB, tolerance %.1f MiB, slope %.1f KiB/cycle)",
                flat ? "FLAT" : "NOT FLAT",
                PeakMemory.mib(baseline.rssBytes()),
                PeakMemory.mib(end.rssBytes()),
                (end.rssBytes() - baseline.rssBytes()) / MIB,
                rssToleranceBytes / MIB,
                rssSlopeBytesPerCycle / 1024.0,
                PeakMemory.mib(baseline.heapUsedBytes()),
                PeakMemory.mib(end.heapUsedBytes()),
                (end.heapUsedBytes() - baseline.heapUsedBytes()) / MIB,
                heapToleranceBytes / MIB,
                heapSlopeBytesPerCycle / 1024.0);
    }

    /** The report as markdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Soak benchmark ").append(timestamp).append("\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "%d cycles of train, save (file and stream), load (file and stream), predict and close in one JVM, "
                        + "%d of them warm-up; %d training rows per cycle (the embedded Fashion-MNIST test split's "
                        + "first rows, classes 0-4 known).%n%n",
                cycles,
                warmupCycles,
                rows));
        sb.append("**").append(verdict()).append("**\n\n");
        sb.append(String.format(Locale.ROOT, "Cycles per second after the warm-up: %.3f.%n%n", cyclesPerSecond));
        sb.append("| cycle | seconds | heap used after GC | RSS |\n|---:|---:|---:|---:|\n");
        for (Sample s : samples) {
            sb.append(String.format(
                    Locale.ROOT,
                    "| %d%s | %.1f | %s | %s |%n",
                    s.cycle(),
                    s.cycle() == baseline.cycle() ? " (baseline)" : "",
                    s.seconds(),
                    PeakMemory.mib(s.heapUsedBytes()),
                    PeakMemory.mib(s.rssBytes())));
        }
        sb.append("\nSettings: ");
        settings.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append('`')
                        .append(e.getKey())
                        .append('=')
                        .append(e.getValue())
                        .append("` "));
        sb.append(String.format(
                Locale.ROOT,
                "%n%nEnvironment: %s, Java %s, %s, %d processors, max heap %s; %.1f s in all. Command: `%s`.%n",
                engine,
                javaVersion,
                os,
                availableProcessors,
                PeakMemory.mib(maxHeapBytes),
                totalSeconds,
                String.join(" ", command)));
        return sb.toString();
    }
}
