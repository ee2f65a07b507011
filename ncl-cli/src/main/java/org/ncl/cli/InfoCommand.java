// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ncl.core.NclModel;
import org.ncl.core.NclProvenance;
import org.ncl.core.io.Text;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.EpochReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ncl info}: what a model file holds and where it came from ({@link NclProvenance}): architecture, classes,
 * library and engine versions, device, training data summary, stage times, the selected epoch, every setting
 * (those changed from the defaults marked) and the per-epoch history; {@code --json} prints the provenance as JSON.
 * Every text that comes from the model file is shown through {@link #shown} (control characters escaped), so a
 * crafted file cannot drive the terminal.
 */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Show a model's provenance and settings.")
final class InfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--json", description = "Print the provenance as JSON instead.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        PrintWriter o = cl.getOut();
        try (NclModel m = model.load(cl)) {
            NclProvenance p = m.provenance();
            if (json) {
                o.println(Outputs.GSON.toJson(p));
                return 0;
            }
            NclProvenance.DataSummary d = p.data();
            o.printf(Locale.ROOT, "model:            %s (%,d bytes)%n", model.model, Files.size(model.model));
            o.printf(
                    Locale.ROOT,
                    "encoder:          %s, input shape %s (%d features)%n",
                    m.encoderType(),
                    Arrays.toString(m.sampleShape()),
                    m.featureNames().size());
            o.printf(
                    Locale.ROOT,
                    "known classes:    %d %s%n",
                    m.knownClassNames().size(),
                    shown(m.knownClassNames()));
            o.printf(
                    Locale.ROOT,
                    "novel clusters:   %d (%s .. %s); task-agnostic novel logit offset %.4f%n",
                    m.numNovelClasses(),
                    NclModel.novelName(0),
                    NclModel.novelName(m.numNovelClasses() - 1),
                    m.novelLogitOffset());
            o.printf(
                    Locale.ROOT,
                    "trained:          %s with NCL %s, DJL %s, %s on %s (%d threads), Java %s, %s%n",
                    shown(p.createdAt()),
                    shown(p.nclVersion()),
                    shown(p.djlVersion()),
                    shown(p.engine()),
                    shown(p.device()),
                    p.threads(),
                    shown(p.javaVersion()),
                    shown(p.os()));
            o.printf(
                    Locale.ROOT,
                    "training data:    %d rows (%d labeled, %d unlabeled), shape %s, sha256 %s%n",
                    d.rows(),
                    d.labeledRows(),
                    d.unlabeledRows(),
                    shown(d.sampleShape()),
                    shown(d.sha256()));
            List<String> stages = new ArrayList<>();
            p.stageSeconds().forEach((k, v) -> stages.add(String.format(Locale.ROOT, "%s %.1f s", shown(k), v)));
            o.println("stage times:      " + String.join(", ", stages));
            String epochs = p.options().get("discoveryEpochs");
            o.printf(
                    Locale.ROOT,
                    "selected epoch:   discovery epoch %d of %s (%s; label-free score %s)%n",
                    p.selectedEpoch() + 1,
                    shown(epochs),
                    shown(p.options().get("modelSelection")),
                    Double.isNaN(p.selectionScore()) ? "n/a" : String.format(Locale.ROOT, "%.4f", p.selectionScore()));
            p.choices().forEach((k, v) -> o.printf(Locale.ROOT, "chosen by trainer: %s = %s%n", shown(k), shown(v)));
            o.println("settings (* = changed from the defaults):");
            Map<String, String> defaults =
                    NclOptions.builder(m.numNovelClasses()).build().toMap();
            p.options()
                    .forEach((k, v) -> o.printf(
                            Locale.ROOT, "  %s %-26s %s%n", v.equals(defaults.get(k)) ? " " : "*", shown(k), shown(v)));
            o.println("history:");
            for (EpochReport r : p.history()) {
                o.println("  " + shown(r));
            }
        }
        return 0;
    }

    /** Text from a model file as the terminal may show it: control characters escaped ({@link Text#escape}). */
    static String shown(Object fromFile) {
        return Text.escape(String.valueOf(fromFile));
    }
}
