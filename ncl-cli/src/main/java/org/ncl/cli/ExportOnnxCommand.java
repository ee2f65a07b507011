// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ncl.core.NclModel;
import org.ncl.tribuo.OnnxExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ncl export-onnx}: writes a model as ONNX through tribuo-ncl's {@link OnnxExport} (standardisation, encoder,
 * both heads, the calibrated novel-logit offset and the softmax; the model's provenance in the metadata): one input
 * {@value OnnxExport#INPUT} of raw feature values in the model's column order, one output {@value OnnxExport#OUTPUT}
 * of probabilities over the known classes and the novel clusters, in the order the command prints, and each head's
 * logits ({@value OnnxExport#KNOWN_LOGITS}, {@value OnnxExport#NOVEL_LOGITS}) with the novel-logit offset in the
 * metadata, for scorers that apply the core's decision themselves.
 */
@Command(
        name = "export-onnx",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Export a model to ONNX (preprocessing, encoder, both heads, softmax) for ONNX Runtime.",
            "Input 'input' [batch, features]: raw values in the model's column order; output 'output' [batch, "
                    + "outputs]: the probabilities of predict, known classes then novel-0, novel-1, ...; outputs "
                    + "'known_logits' and 'novel_logits': each head's logits (what spark-ncl decides from)."
        })
final class ExportOnnxCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .onnx file to write.")
    Path out;

    @Option(
            names = "--domain",
            paramLabel = "NAME",
            defaultValue = "org.ncl",
            description = "ONNX model domain (default: ${DEFAULT-VALUE}).")
    String domain;

    @Option(
            names = "--model-version",
            paramLabel = "N",
            defaultValue = "1",
            description = "ONNX model version (default: ${DEFAULT-VALUE}).")
    long version;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        Outputs.checkOutputFile(cl, "--out", out, Map.of("--model", model.model));
        PrintWriter o = cl.getOut();
        try (NclModel m = model.load(cl)) {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            OnnxExport.write(m, out, domain, version);
            o.printf(
                    Locale.ROOT,
                    "wrote %s (%,d bytes, domain %s, version %d)%n",
                    out,
                    Files.size(out),
                    domain,
                    version);
            o.printf(
                    Locale.ROOT,
                    "input '%s': [batch, %d] raw feature values in the model's column order%n",
                    OnnxExport.INPUT,
                    m.featureNames().size());
            o.printf(
                    Locale.ROOT,
                    "output '%s': [batch, %d] probabilities of %s%n",
                    OnnxExport.OUTPUT,
                    m.outputNames().size(),
                    m.outputNames());
            o.printf(
                    Locale.ROOT,
                    "outputs '%s': [batch, %d] and '%s': [batch, %d]: each head's logits, which predict decides "
                            + "from with the novel-logit offset %s (metadata '%s')%n",
                    OnnxExport.KNOWN_LOGITS,
                    m.knownClassNames().size(),
                    OnnxExport.NOVEL_LOGITS,
                    m.numNovelClasses(),
                    Float.toString(m.novelLogitOffset()),
                    OnnxExport.NOVEL_OFFSET_KEY);
        }
        return 0;
    }
}
