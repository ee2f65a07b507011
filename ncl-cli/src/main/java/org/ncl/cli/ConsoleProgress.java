// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingListener;

/**
 * Prints training progress as plain lines, fit for a log file or a pipe: one line when a stage starts, one line
 * per epoch ({@link EpochReport#toString()}: loss terms, metrics, rows per second, seconds) and the trainer's
 * messages (device, model selection, warnings). On a terminal the command-line tool shows progress bars instead
 * ({@link org.ncl.cli.TrainingProgress}).
 */
public final class ConsoleProgress implements TrainingListener {

    private final Consumer<String> out;

    /** Prints to {@code out}. */
    public ConsoleProgress(PrintStream out) {
        Objects.requireNonNull(out, "out");
        this.out = line -> {
            out.println(line);
            out.flush();
        };
    }

    /** Prints to {@code out}. */
    public ConsoleProgress(PrintWriter out) {
        Objects.requireNonNull(out, "out");
        this.out = line -> {
            out.println(line);
            out.flush();
        };
    }

    @Override
    public void onStageStart(Stage stage, int epochs, int stepsPerEpoch) {
        out.accept(String.format(Locale.ROOT, "== %s: %d epoch(s) of %d steps", stage, epochs, stepsPerEpoch));
    }

    @Override
    public void onEpoch(EpochReport report) {
        out.accept(report.toString());
    }

    @Override
    public void onMessage(String message) {
        out.accept(message);
    }
}
