// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What the commands that ask a trained model about data share: the {@code --model} and data options, loading the
 * model, reading the rows in its terms ({@link DataOptions#forModel}) and predicting them; a subclass checks its own
 * options and reports the predictions. Its own options follow the shared ones in the help (picocli reads a
 * superclass's fields first).
 */
abstract class ModelDataCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    private final boolean needTruth;

    /** @param needTruth whether the command needs the true class of every row (an error if the input has none) */
    ModelDataCommand(boolean needTruth) {
        this.needTruth = needTruth;
    }

    @Override
    public final Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        checkOptions(cl);
        try (Closeable output = openOutput(cl);
                NclModel m = model.load(cl)) {
            DiscoveryData d = data.forModel(m, needTruth, cl);
            report(cl, m, d, m.predict(d));
        }
        return 0;
    }

    /**
     * Checks the command's own options before anything is read; none by default.
     *
     * @throws picocli.CommandLine.ParameterException for a usage error
     */
    void checkOptions(CommandLine cl) {}

    /**
     * Takes what the command's output needs for the whole run, after {@link #checkOptions} and before the model is
     * read (for {@code plot}: its locked output directory); closed when the run ends, whether it succeeded or not.
     * Nothing by default.
     *
     * @throws picocli.CommandLine.ParameterException for a usage error
     */
    Closeable openOutput(CommandLine cl) {
        return () -> {};
    }

    /** The command's input files by option name: the model and the data files. */
    final Map<String, Path> inputFiles() {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("--model", model.model);
        files.putAll(data.inputFiles());
        return files;
    }

    /** Writes the command's output for the model's predictions of the rows {@code d}. */
    abstract void report(CommandLine cl, NclModel m, DiscoveryData d, List<NclPrediction> predictions)
            throws IOException;
}
