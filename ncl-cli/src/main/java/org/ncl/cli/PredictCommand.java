// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ncl predict}: a trained model's answer for every row of new data, as CSV ({@link Outputs#predictionsCsv}:
 * label, novel flag, output index, confidence, each head's answer, the novel cluster id and its probability).
 * CSV input is matched to the model's features by column name; other columns are ignored.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Predict a known class or a novel cluster for every row of new data; write CSV.",
            "CSV columns: row, label, novel, output, confidence, known_class, novel_cluster, novel_confidence "
                    + "(and true_class when the input has it)."
        })
final class PredictCommand extends ModelDataCommand {

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the CSV (default: standard output).")
    Path out;

    PredictCommand() {
        super(false);
    }

    @Override
    void checkOptions(CommandLine cl) {
        if (out != null) {
            Outputs.checkOutputFile(cl, "--out", out, inputFiles());
        }
    }

    @Override
    void report(CommandLine cl, NclModel m, DiscoveryData d, List<NclPrediction> predictions) throws IOException {
        String csv = Outputs.predictionsCsv(m, d, predictions);
        long novel = predictions.stream().filter(NclPrediction::novel).count();
        String summary = String.format(
                Locale.ROOT,
                "%d rows of %s: %d predicted as a known class, %d as a novel cluster",
                predictions.size(),
                data.describe(),
                predictions.size() - novel,
                novel);
        if (out == null) {
            cl.getOut().print(csv);
            cl.getOut().flush();
            cl.getErr().println(summary);
        } else {
            AtomicFiles.writeString(out, csv);
            cl.getOut().println(summary + "; wrote " + out);
        }
    }
}
