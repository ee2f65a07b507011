// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ncl.cli.ResultsTable;

/**
 * The measurements of one {@link ContrastiveBench} run, rendered as JSON ({@link #toJson()}) and markdown
 * ({@link #markdown()}): (1) the encoder pretrained without labels by each contrastive strategy, scored by k-NN
 * and a linear probe on the Fashion-MNIST test split; (2) the ablation of NCL's discovery objective in the
 * paper's style (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021,
 * table 4: baseline, +NCL, +SCL, +HNG) with each alternative strategy swapped into L_ncl, novel ACC/NMI/ARI on
 * the unlabeled training rows, mean ± standard deviation over seeds.
 *
 * @param timestamp ISO-8601 instant the run finished
 * @param command the command-line arguments
 * @param settings the bench's own settings (rows, epochs, seeds ...)
 * @param options the NCL settings changed on the command line (applied to every run)
 * @param pretraining part 1, one row per strategy
 * @param ablation part 2, one row per variant
 * @param threads the engine's intra-op threads
 * @param availableProcessors the JVM's available processors
 * @param javaVersion Java version
 * @param totalSeconds the whole run
 */
public record ContrastiveBenchResults(
        String timestamp,
        List<String> command,
        Map<String, String> settings,
        Map<String, String> options,
        List<PretrainRow> pretraining,
        List<AblationRow> ablation,
        int threads,
        int availableProcessors,
        String javaVersion,
        double totalSeconds) {

    /** Copies the collections. */
    public ContrastiveBenchResults {
        command = List.copyOf(command);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        pretraining = List.copyOf(pretraining);
        ablation = List.copyOf(ablation);
    }

    /** Mean and sample standard deviation of a list of values (std 0 for one value). */
    public record Stat(double mean, double std, int n) {
        /** Of these values. */
        public static Stat of(List<Double> values) {
            int n = values.size();
            if (n == 0) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
        }

        /** {@code 0.1234 ± 0.0056} (the ± part only with more than one value). */
        public String format() {
            return n > 1
                    ? String.format(Locale.ROOT, "%.4f ± %.4f", mean, std)
                    : String.format(Locale.ROOT, "%.4f", mean);
        }
    }

    /**
     * Part 1: one pretraining strategy.
     *
     * @param strategy the strategy (and false-negative handling), e.g. {@code SSCL} or {@code INFONCE+ATTRACT}
     * @param knn k-NN accuracy on the test split
     * @param linearProbe linear-probe accuracy on the test split
     * @param seconds pretraining wall time per seed
     * @param peakRssMiB peak resident memory during the pretraining (largest over seeds; -1 if unknown)
     * @param peakHeapMiB peak JVM heap during the pretraining (largest over seeds)
     */
    public record PretrainRow(
            String strategy, Stat knn, Stat linearProbe, Stat seconds, double peakRssMiB, double peakHeapMiB) {}

    /**
     * Part 2: one ablation variant.
     *
     * @param variant its name (baseline, +NCL, +SCL, +HNG, or the strategy swapped into L_ncl)
     * @param setting the options that make it
     * @param acc novel ACC on the unlabeled training rows
     * @param nmi novel NMI
     * @param ari novel ARI
     * @param seconds training wall time per seed
     * @param collapsedEpochs discovery epochs flagged by collapse detection, summed over seeds
     */
    public record AblationRow(
            String variant, String setting, Stat acc, Stat nmi, Stat ari, Stat seconds, int collapsedEpochs) {}

    /** Part 1 as a table. */
    public ResultsTable pretrainingTable() {
        ResultsTable t = ResultsTable.withHeader(
                "strategy", "k-NN acc", "linear probe acc", "time (s)", "peak RSS (MiB)", "peak heap (MiB)");
        for (PretrainRow r : pretraining) {
            t = t.withRow(
                    r.strategy(),
                    r.knn().format(),
                    r.linearProbe().format(),
                    String.format(Locale.ROOT, "%.1f", r.seconds().mean()),
                    r.peakRssMiB() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", r.peakRssMiB()),
                    String.format(Locale.ROOT, "%.0f", r.peakHeapMiB()));
        }
        return t;
    }

    /** Part 2 as a table. */
    public ResultsTable ablationTable() {
        ResultsTable t = ResultsTable.withHeader(
                "variant", "setting", "novel ACC", "NMI", "ARI", "time (s)", "collapsed epochs");
        for (AblationRow r : ablation) {
            t = t.withRow(
                    r.variant(),
                    r.setting(),
                    r.acc().format(),
                    r.nmi().format(),
                    r.ari().format(),
                    String.format(Locale.ROOT, "%.1f", r.seconds().mean()),
                    Integer.toString(r.collapsedEpochs()));
        }
        return t;
    }

    /** The report. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Contrastive-sampling benchmark (Fashion-MNIST)\n\n");
        sb.append("Command: `java -cp examples/target/ncl-examples.jar org.ncl.examples.ContrastiveBench ")
                .append(String.join(" ", command))
                .append("`\n\n");
        sb.append("Settings: ")
                .append(settings)
                .append("; options changed: ")
                .append(options.isEmpty() ? "none" : options)
                .append("; ")
                .append(threads)
                .append(" engine threads, ")
                .append(availableProcessors)
                .append(" processors, Java ")
                .append(javaVersion)
                .append(String.format(Locale.ROOT, "; total %.0f s.%n%n", totalSeconds));
        if (!pretraining.isEmpty()) {
            sb.append("## 1. Self-supervised pretraining without labels\n\n");
            sb.append("Encoder pretrained on the training rows with labels hidden; embeddings f/‖f‖. k-NN: k = ")
                    .append(ContrastiveBench.KNN_K)
                    .append(", cosine, votes weighted by exp(s/0.07), training rows as the memory; ")
                    .append("linear probe: multinomial logistic regression on the standardised training embeddings; ")
                    .append("both scored on the test split (10 classes).\n\n");
            sb.append(pretrainingTable().markdown()).append('\n');
        }
        if (!ablation.isEmpty()) {
            sb.append("## 2. NCL discovery ablation (classes 0-4 known, 5-9 novel)\n\n");
            sb.append("Novel head on the unlabeled training rows (task-aware, transductive); NMI with arithmetic "
                    + "normalisation; mean ± sample std over seeds. Pretraining as the defaults unless set.\n\n");
            sb.append(ablationTable().markdown()).append('\n');
        }
        return sb.toString();
    }

    /** The results as pretty-printed JSON. */
    public String toJson() {
        return BenchMain.GSON.toJson(this);
    }

    /** Values of a list of per-seed maps under {@code key}. */
    static List<Double> column(List<Map<String, Double>> runs, String key) {
        List<Double> out = new ArrayList<>();
        for (Map<String, Double> r : runs) {
            out.add(r.get(key));
        }
        return out;
    }
}
