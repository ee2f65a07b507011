// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ncl.cli.plots.ModelPlots;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ncl plot}: draws the pictures of {@link ModelPlots} for a saved model and a data set (the embedded
 * Fashion-MNIST test split by default), e.g. to refresh the README's images without training again.
 */
@Command(
        name = "plot",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Draw a model's pictures as PNG: embedding map, novel-cluster confusion matrix, training curves.",
            "Rows whose true class is one of the model's known classes are drawn by that class, the others by novel "
                    + "cluster."
        })
final class PlotCommand extends ModelDataCommand {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the PNG files.")
    Path out;

    PlotCommand() {
        super(false);
    }

    @Override
    void checkOptions(CommandLine cl) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(cl, "--out must be a directory, but " + out + " is a file");
        }
    }

    @Override
    void report(CommandLine cl, NclModel m, DiscoveryData d, List<NclPrediction> predictions) throws IOException {
        List<Path> files = ModelPlots.write(m, d, predictions, out);
        cl.getOut()
                .println("wrote "
                        + String.join(", ", files.stream().map(Path::toString).toList()));
    }
}
