// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The state of a training run at the end of a discovery epoch, handed to
 * {@link TrainingListener#onCheckpoint}: {@link #save} writes it as an ordinary model file that
 * {@link org.ncl.core.NclModel#load} reads, so a long run interrupted later (Ctrl-C, the Weka Explorer's Stop) still
 * leaves a usable model. A checkpoint is the network of that epoch with the provenance so far (its
 * selected epoch is that epoch); the task-agnostic calibration of the novel logits, fitted after the last
 * epoch, is not applied (offset 0). It is valid only during the {@code onCheckpoint} call.
 *
 * <p>Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021.
 */
public final class Checkpoint {

    /** Writes the model of this epoch to a path. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the model to {@code path}. */
        void write(Path path) throws IOException;
    }

    private final Stage stage;
    private final int epoch;
    private final int epochs;
    private final Writer writer;

    /**
     * A checkpoint of epoch {@code epoch} (0-based) of {@code epochs} of {@code stage}; made by the trainer,
     * which alone knows how to write its model.
     */
    public Checkpoint(Stage stage, int epoch, int epochs, Writer writer) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.epoch = epoch;
        this.epochs = epochs;
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** The stage whose epoch just ended. */
    public Stage stage() {
        return stage;
    }

    /** The 0-based epoch within the stage. */
    public int epoch() {
        return epoch;
    }

    /** The number of epochs of the stage. */
    public int epochs() {
        return epochs;
    }

    /** Writes the model of this epoch atomically (a good file at {@code path} is never half-overwritten). */
    public void save(Path path) throws IOException {
        writer.write(path);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + stage + " epoch " + (epoch + 1) + "/" + epochs + "]";
    }
}
