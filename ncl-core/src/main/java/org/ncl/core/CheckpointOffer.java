package org.ncl.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.ncl.core.progress.Checkpoint;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingListener;

/**
 * Keeps the epoch history and, after each discovery epoch, offers the user's listener a {@link Checkpoint}
 * built from it. Registered after the user's listener, so the checkpoint follows that epoch's report.
 */
final class CheckpointOffer implements TrainingListener {

    private final TrainingListener user;
    private final List<EpochReport> history = new ArrayList<>();
    private final BiFunction<EpochReport, List<EpochReport>, Checkpoint> checkpoints;

    CheckpointOffer(TrainingListener user, BiFunction<EpochReport, List<EpochReport>, Checkpoint> checkpoints) {
        this.user = user;
        this.checkpoints = checkpoints;
    }

    @Override
    public void onEpoch(EpochReport report) {
        history.add(report);
        if (report.stage() == Stage.DISCOVERY) {
            user.onCheckpoint(checkpoints.apply(report, List.copyOf(history)));
        }
    }
}
