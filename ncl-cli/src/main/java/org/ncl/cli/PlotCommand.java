// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ncl.cli.plots.ModelPlots;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ncl plot}: draws the pictures of {@link ModelPlots} for a saved model and a data set (the embedded
 * Fashion-MNIST test split by default), e.g. to refresh the README's images without training again. The pictures
 * replace those of an earlier run in {@code --out} as a set or not at all, through the same locked output directory
 * as {@code discover} ({@link Outputs.OutputDirectory}): a run that fails leaves the earlier pictures as they were,
 * and a second run on the same directory is refused.
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

    /** The names of the files {@code plot} writes; they replace the earlier ones as a set. */
    static final List<String> OUTPUT_NAMES = List.of(ModelPlots.EMBEDDING, ModelPlots.CONFUSION, ModelPlots.CURVES);

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Directory for the PNG files; they replace the earlier pictures there as a set, or not at "
                    + "all.")
    Path out;

    private Outputs.OutputDirectory dir;

    PlotCommand() {
        super(false);
    }

    @Override
    Closeable openOutput(CommandLine cl) {
        dir = Outputs.OutputDirectory.open(cl, "--out", out, OUTPUT_NAMES);
        return dir;
    }

    @Override
    void report(CommandLine cl, NclModel m, DiscoveryData d, List<NclPrediction> predictions) throws IOException {
        ModelPlots.write(m, d, predictions, dir.stagingDirectory());
        List<Path> files = dir.commit();
        cl.getOut()
                .println("wrote "
                        + String.join(", ", files.stream().map(Path::toString).toList()));
    }
}
