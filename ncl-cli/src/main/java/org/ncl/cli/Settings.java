// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The NCL settings of a training command: every option of {@link NclOptions} through a repeated
 * {@code --option NAME=VALUE} (passed by name to {@link NclOptions.Builder#set(String, String)}, so options the
 * core adds later need no code here), plus flags for the common ones. A setting given twice, in any form, is an
 * error; so is an unknown name or a value the core rejects (the message names the option and the expected form).
 */
final class Settings {

    @Option(
            names = {"-k", "--novel-classes"},
            paramLabel = "K",
            description = "Number of novel classes to discover (C_u). Default: with ground truth, the number of its "
                    + "classes that are not known (the benchmark protocol); otherwise required.")
    Integer novelClasses;

    @Option(
            names = "--epochs",
            split = ",",
            paramLabel = "N",
            description = "Epochs per stage: one number for all three stages, or three (pretrain,supervised,"
                    + "discovery), e.g. --epochs 8,2,12 (the defaults).")
    int[] epochs;

    @Option(
            names = "--encoder",
            paramLabel = "TYPE",
            description = "Encoder: ${COMPLETION-CANDIDATES} (AUTO: small CNN for images, MLP for vectors).")
    EncoderType encoder;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default 1).")
    Long seed;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            description = "Device: ${COMPLETION-CANDIDATES} (AUTO: a GPU when DJL finds CUDA natives).")
    DeviceChoice device;

    @Option(
            names = {"-o", "--option"},
            paramLabel = "NAME=VALUE",
            description = "Any NCL setting by name (repeatable), e.g. -o batchSize=128 -o hardNegatives=false; the "
                    + "list with defaults is at the end of this help.")
    List<String> options = new ArrayList<>();

    /**
     * Every setting given on the command line, by option name, in the order given.
     *
     * @param positional {@code NAME=VALUE} arguments given without {@code --option}
     * @throws ParameterException if a setting is malformed or given twice
     */
    Map<String, String> given(List<String> positional, CommandLine cl) {
        Map<String, String> m = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        if (novelClasses != null) {
            put(m, where, "numNovelClasses", novelClasses.toString(), "--novel-classes", cl);
        }
        if (epochs != null) {
            if (epochs.length != 1 && epochs.length != 3) {
                throw new ParameterException(
                        cl,
                        "--epochs takes one number (all stages) or three " + "(pretrain,supervised,discovery), got "
                                + epochs.length + " numbers");
            }
            int[] e = epochs.length == 1 ? new int[] {epochs[0], epochs[0], epochs[0]} : epochs;
            put(m, where, "pretrainEpochs", Integer.toString(e[0]), "--epochs", cl);
            put(m, where, "supervisedEpochs", Integer.toString(e[1]), "--epochs", cl);
            put(m, where, "discoveryEpochs", Integer.toString(e[2]), "--epochs", cl);
        }
        if (encoder != null) {
            put(m, where, "encoder", encoder.name(), "--encoder", cl);
        }
        if (seed != null) {
            put(m, where, "seed", seed.toString(), "--seed", cl);
        }
        if (device != null) {
            put(m, where, "device", device.name(), "--device", cl);
        }
        List<String> all = new ArrayList<>(options);
        all.addAll(positional);
        for (String a : all) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(cl, "setting '" + a + "' is not NAME=VALUE (e.g. --option batchSize=128)");
            }
            String name = a.substring(0, eq).trim();
            if (!NclOptions.names().contains(name)) {
                throw new ParameterException(
                        cl,
                        "unknown setting '" + name + "'; the settings are listed at the end " + "of '"
                                + cl.getCommandSpec().qualifiedName() + " --help'");
            }
            put(m, where, name, a.substring(eq + 1).trim(), "--option " + a, cl);
        }
        return m;
    }

    private static void put(
            Map<String, String> m,
            Map<String, String> where,
            String name,
            String value,
            String source,
            CommandLine cl) {
        if (m.containsKey(name)) {
            throw new ParameterException(
                    cl, "setting '" + name + "' is given twice (" + where.get(name) + " and " + source + ")");
        }
        m.put(name, value);
        where.put(name, source);
    }

    /**
     * The validated options: the core's defaults for {@code numNovel} novel classes with {@code given} applied.
     *
     * @throws ParameterException with the core's message (naming the option) if a value is rejected
     */
    static NclOptions build(int numNovel, Map<String, String> given, CommandLine cl) {
        try {
            NclOptions.Builder b = NclOptions.builder(numNovel);
            given.forEach(b::set);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, Errors.describe(e), e);
        }
    }

    /** The help footer: every setting as declared in the core (type, range, default, description, paper). */
    static String[] footer() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Settings for --option NAME=VALUE (or NAME=VALUE arguments):");
        for (Setting<?> s : NclOptions.settings()) {
            lines.add("  " + s.help());
        }
        lines.add("Enum values are case-insensitive; lists are comma-separated, e.g. hngMixing=0.33,0.67.");
        return lines.toArray(new String[0]);
    }
}
