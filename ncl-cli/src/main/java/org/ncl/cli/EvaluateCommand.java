// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.evaluation.EvaluationResult;
import org.ncl.core.io.AtomicFiles;
import org.ncl.core.metrics.ClusteringScores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ncl evaluate}: scores a trained model on data with the true class of every row, by the core's protocol
 * ({@link org.ncl.core.evaluation.DiscoveryEvaluation}, through {@link Evaluation#evaluate}): rows whose true
 * class is one of the model's known classes are scored by the known head's accuracy; the other rows (classes
 * the model was not told about, possibly named differently from its {@code novel-k} clusters) by the novel
 * head's clusters, with Hungarian-matched ACC, NMI (arithmetic normalisation, as scikit-learn) and ARI; all
 * rows by both heads together (task-agnostic).
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Score a model on labeled data: known-class accuracy, novel-class ACC/NMI/ARI, task-agnostic.",
            "Rows whose true class is one of the model's known classes count as known, all others as novel."
        })
final class EvaluateCommand extends ModelDataCommand {

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the scores as JSON to FILE.")
    Path json;

    EvaluateCommand() {
        super(true);
    }

    @Override
    void checkOptions(CommandLine cl) {
        if (json != null) {
            Outputs.checkOutputFile(cl, "--json", json, inputFiles());
        }
    }

    @Override
    void report(CommandLine cl, NclModel m, DiscoveryData d, List<NclPrediction> predictions) throws IOException {
        PrintWriter o = cl.getOut();
        EvaluationResult r = Evaluation.evaluate(d, predictions);
        int knownRows = r.knownRows();
        int novelRows = d.numRows() - knownRows;
        o.printf(
                Locale.ROOT,
                "%s on %s: %d rows, %d of the known classes %s, %d of other classes%n",
                model.model,
                data.describe(),
                d.numRows(),
                knownRows,
                m.knownClassNames(),
                novelRows);
        ResultsTable t = ResultsTable.withHeader("result", "rows", "ACC", "NMI", "ARI");
        JsonObject j = new JsonObject();
        j.addProperty("model", model.model.toString());
        j.addProperty("input", data.describe());
        j.addProperty("rows", d.numRows());
        if (knownRows > 0) {
            double acc = r.knownAccuracy();
            t = t.withRow(
                    "known classes: known head (accuracy)", Integer.toString(knownRows), Outputs.f4(acc), "-", "-");
            j.addProperty("knownAccuracy", acc);
            j.addProperty("knownRows", knownRows);
        }
        if (r.novel() != null) {
            ClusteringScores s = r.novel();
            t = t.withRow(
                    "novel classes: novel head (task-aware)",
                    Integer.toString(s.n()),
                    Outputs.f4(s.accuracy()),
                    Outputs.f4(s.nmi()),
                    Outputs.f4(s.ari()));
            j.add("novel", Outputs.scores(s));
        }
        ClusteringScores all = r.taskAgnostic();
        double strict = r.taskAgnosticStrictAccuracy();
        t = t.withRow(
                        String.format(
                                Locale.ROOT,
                                "all rows: both heads (task-agnostic, Hungarian over %d outputs)",
                                m.outputNames().size()),
                        Integer.toString(all.n()),
                        Outputs.f4(all.accuracy()),
                        Outputs.f4(all.nmi()),
                        Outputs.f4(all.ari()))
                .withRow(
                        "all rows: both heads, known outputs fixed",
                        Integer.toString(all.n()),
                        Outputs.f4(strict),
                        "-",
                        "-");
        j.add("taskAgnostic", Outputs.scores(all));
        j.addProperty("taskAgnosticStrictAccuracy", strict);
        o.print(t.text());
        o.println(
                "ACC: Hungarian matching of clusters to classes; NMI: arithmetic normalisation (scikit-learn >= 0.22)");
        if (json != null) {
            AtomicFiles.writeString(json, Outputs.GSON.toJson(j) + "\n");
            o.println("wrote " + json);
        }
    }
}
