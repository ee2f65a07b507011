// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import java.util.ArrayList;
import java.util.List;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.TrainingListener;
import weka.core.logging.Logger;

/**
 * Forwards the core's progress to Weka's log ({@link Logger}: the console and {@code $WEKA_HOME/weka.log})
 * and keeps the free-form messages (device found, calibration, warnings) for the clusterer's summary.
 */
public final class TrainingLog implements TrainingListener {

    private final List<String> messages = new ArrayList<>();
    private final boolean epochs;

    /** A log; {@code epochs} also logs every epoch's report. */
    public TrainingLog(boolean epochs) {
        this.epochs = epochs;
    }

    @Override
    public void onMessage(String message) {
        messages.add(message);
        Logger.log(Logger.Level.INFO, "NCL: " + message);
    }

    @Override
    public void onEpoch(EpochReport report) {
        if (epochs) {
            Logger.log(Logger.Level.INFO, "NCL: " + report);
        }
    }

    /** Logs a line of the adapter's own and keeps it. */
    public void note(String message) {
        onMessage(message);
    }

    /** The messages so far, in order. */
    public List<String> messages() {
        return List.copyOf(messages);
    }
}
