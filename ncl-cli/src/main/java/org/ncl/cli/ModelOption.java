// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ncl.core.NclModel;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --model FILE} option of the commands that use a trained model, and loading it. */
final class ModelOption {

    @Option(
            names = {"-m", "--model"},
            paramLabel = "FILE",
            required = true,
            description = "A model written by 'ncl discover' (model.ncl) or NclModel.save.")
    Path model;

    /**
     * Loads the model.
     *
     * @throws picocli.CommandLine.ParameterException if the file does not exist (a usage error)
     * @throws IOException if it is not a readable model file (the core's message says why)
     */
    NclModel load(CommandLine cl) throws IOException {
        DataOptions.requireFile(model, "--model", cl);
        return NclModel.load(model);
    }
}
