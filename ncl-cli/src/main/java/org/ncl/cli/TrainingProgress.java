// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingListener;

/**
 * Training progress for the command-line tool. On a terminal ({@link System#console()} is not null): one
 * progress bar per stage and epoch (me.tongfei:progressbar) showing the steps done, rows per second so far and
 * the running mean of every loss term over the epoch so far; when an epoch ends its full report (every loss term,
 * the metrics, rows per second) is printed below its bar. Not on a terminal
 * (a pipe, a log file, a test): plain lines ({@link ConsoleProgress}) and no bars; {@code --quiet}: only the warnings.
 */
public final class TrainingProgress implements TrainingListener {

    private final PrintStream terminal;
    private final PrintWriter messages;
    private final int batchSize;
    private ProgressBar bar;
    private int epochs;
    private int barEpoch = -1;
    private long epochStart = System.nanoTime();
    private String running = "";

    private TrainingProgress(PrintStream terminal, PrintWriter messages, int batchSize) {
        this.terminal = terminal;
        this.messages = messages;
        this.batchSize = batchSize;
    }

    /**
     * The listener for a command.
     *
     * @param out where plain lines and messages go
     * @param quiet print only the trainer's warnings (a collapse, a novel head that uses fewer clusters): they say
     *     the result may be useless, which {@code --quiet} must not hide
     * @param batchSize rows per training step, for the rows-per-second estimate of the bars
     */
    public static TrainingListener create(PrintWriter out, boolean quiet, int batchSize) {
        if (quiet) {
            return new TrainingListener() {
                @Override
                public void onMessage(String message) {
                    if (message.startsWith("warning:")) {
                        out.println(message);
                        out.flush();
                    }
                }
            };
        }
        if (System.console() == null) {
            return new ConsoleProgress(out);
        }
        return new TrainingProgress(System.out, out, batchSize);
    }

    /** Closes the open progress bar, if any, of a listener made by {@link #create} (after training ends or fails). */
    public static void finish(TrainingListener listener) {
        if (listener instanceof TrainingProgress p) {
            p.closeBar();
        }
    }

    @Override
    public void onStageStart(Stage s, int stageEpochs, int stepsPerEpoch) {
        closeBar();
        epochs = stageEpochs;
        running = "";
        epochStart = System.nanoTime();
    }

    @Override
    public void onStep(Stage s, int epoch, int step, int stepsPerEpoch, Map<String, Double> runningLosses) {
        running = terms(runningLosses);
        onStep(s, epoch, step, stepsPerEpoch);
    }

    @Override
    public void onStep(Stage s, int epoch, int step, int stepsPerEpoch) {
        if (bar == null || barEpoch != epoch) {
            closeBar();
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "%-10s %d/%d", s, epoch + 1, epochs))
                    .setInitialMax(stepsPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(terminal))
                    .setUnit(" steps", 1)
                    .build();
            barEpoch = epoch;
        }
        bar.stepTo(step + 1L);
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        double rate = seconds > 0 ? (step + 1.0) * batchSize / seconds : 0;
        bar.setExtraMessage(
                String.format(Locale.ROOT, "%.0f rows/s%s", rate, running.isEmpty() ? "" : " | " + running));
    }

    /** Ends the epoch's bar and prints the epoch's full report (every loss term and metric) below it. */
    @Override
    public void onEpoch(EpochReport report) {
        running = "";
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, "%.0f rows/s", report.samplesPerSecond()));
            bar.stepTo(bar.getMax());
            closeBar();
        }
        messages.println(report);
        messages.flush();
        epochStart = System.nanoTime();
    }

    @Override
    public void onMessage(String message) {
        if (bar != null) {
            terminal.println();
        }
        messages.println(message);
        messages.flush();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
            barEpoch = -1;
        }
    }

    private static String terms(Map<String, Double> m) {
        return new TreeMap<>(m)
                .entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s=%.3f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(" "));
    }
}
