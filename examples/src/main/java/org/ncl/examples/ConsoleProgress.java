package org.ncl.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import org.ncl.core.EpochReport;
import org.ncl.core.Stage;
import org.ncl.core.TrainingListener;

/**
 * Prints training progress: one line when a stage starts, one line per epoch ({@link EpochReport#toString()})
 * and the trainer's messages (device, model selection, warnings).
 */
public final class ConsoleProgress implements TrainingListener {

    private final PrintStream out;

    /** Prints to {@code out}. */
    public ConsoleProgress(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onStageStart(Stage stage, int epochs, int stepsPerEpoch) {
        out.printf(Locale.ROOT, "== %s: %d epoch(s) of %d steps%n", stage, epochs, stepsPerEpoch);
        out.flush();
    }

    @Override
    public void onEpoch(EpochReport report) {
        out.println(report);
        out.flush();
    }

    @Override
    public void onMessage(String message) {
        out.println(message);
        out.flush();
    }
}
