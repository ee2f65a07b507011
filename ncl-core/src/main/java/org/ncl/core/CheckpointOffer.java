// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.ncl.core.progress.Checkpoint;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingListener;

/**
 * Keeps the epoch history and, after each discovery epoch, hands a {@link Checkpoint} built from it to
 * {@code sink} (the user's {@link TrainingListener#onCheckpoint}). Not a listener itself: the trainer
 * calls it after each epoch's report has gone to the listener, so the checkpoint follows that report.
 */
final class CheckpointOffer implements Consumer<EpochReport> {

    private final Consumer<Checkpoint> sink;
    private final List<EpochReport> history = new ArrayList<>();
    private final BiFunction<EpochReport, List<EpochReport>, Checkpoint> checkpoints;

    CheckpointOffer(Consumer<Checkpoint> sink, BiFunction<EpochReport, List<EpochReport>, Checkpoint> checkpoints) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    }

    @Override
    public void accept(EpochReport report) {
        history.add(report);
        if (report.stage() == Stage.DISCOVERY) {
            sink.accept(checkpoints.apply(report, List.copyOf(history)));
        }
    }
}
