// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ncl.core.NclProvenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ncl} command-line tool: novel class discovery with Neighborhood Contrastive Learning (Zhong, Fini,
 * Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021) for a shell
 * user. Run as {@code java -jar ncl-cli/target/ncl.jar COMMAND ...} (or {@code ncl-cli/bin/ncl}).
 *
 * <p>Commands: {@link DiscoverCommand discover} (train on data with a few labeled classes, write the model,
 * predictions, metrics and plots), {@link PredictCommand predict}, {@link EvaluateCommand evaluate},
 * {@link ExportOnnxCommand export-onnx}, {@link InfoCommand info} and {@link PlotCommand plot}. Without a
 * command, and with only {@code NAME=VALUE} settings or {@code discover} options, it runs {@code discover} on the
 * embedded Fashion-MNIST test split: the README's main job.
 *
 * <p>Exit codes (picocli's convention): 0 success, 1 a failure while running (bad file content, training
 * failure, out of memory), 2 a usage error (unknown option, missing or bad value, missing file), 130 cancelled by
 * Ctrl-C (SIGINT), 143 stopped by SIGTERM (128 + the signal's number, as shells report it; the training stops the
 * same way).
 * Every error is one line on standard error; {@code --verbose} adds the stack trace.
 */
@Command(
        name = "ncl",
        mixinStandardHelpOptions = true,
        versionProvider = NclCommand.Version.class,
        description = {
            "Novel class discovery with Neighborhood Contrastive Learning (Zhong et al., CVPR 2021).",
            "`ncl` stands for `java -jar ncl-cli/target/ncl.jar`. Without a command (or with only "
                    + "NAME=VALUE settings) it runs `discover` on the embedded Fashion-MNIST test split and prints the "
                    + "results table."
        },
        subcommands = {
            DiscoverCommand.class,
            PredictCommand.class,
            EvaluateCommand.class,
            ExportOnnxCommand.class,
            InfoCommand.class,
            PlotCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure while running (bad file content, training error)",
            "2:usage error (bad option, missing file)",
            "130:cancelled (Ctrl-C)",
            "143:stopped by SIGTERM"
        })
public final class NclCommand implements Callable<Integer> {

    /** Exit code of a run cancelled by Ctrl-C (128 + SIGINT), as shells report it. */
    public static final int EXIT_CANCELLED = 130;

    /** Options only the top-level command understands; anything else starting with '-' goes to discover. */
    private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version");

    /** Options of every command that may also come before the command's name ({@code ncl --verbose info ...}). */
    private static final Set<String> GLOBAL = Set.of("--verbose");

    @Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error (for bug reports).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Not reached through {@link #execute} (which runs {@code discover} when no command is named): prints the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * Entry point: runs the command and exits with its code. Sets DJL's offline mode, a quiet log level and
     * headless AWT first, and installs the Ctrl-C handler ({@link Interrupts}).
     */
    public static void main(String[] args) {
        Discover.prepareJvm();
        Interrupts.install();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = execute(args, out, err, Interrupts.flag());
        } finally {
            out.flush();
            err.flush();
            Interrupts.finished(); // whatever happened, the JVM's exit now is no Ctrl-C
        }
        System.exit(code);
    }

    /**
     * Runs a command line in this JVM (what tests call): parses {@code args}, runs the command, reports errors
     * as one line on {@code err}.
     *
     * @param cancelled polled during training; when it returns true training stops (Ctrl-C)
     * @return the exit code
     */
    public static int execute(
            String[] args, PrintWriter out, PrintWriter err, java.util.function.BooleanSupplier cancelled) {
        CommandLine cl = commandLine(cancelled);
        cl.setOut(out);
        cl.setErr(err);
        String[] line = withDefaultCommand(args);
        try {
            return cl.execute(line);
        } catch (Error e) { // picocli hands only Exceptions to the handlers; an Error (out of memory ...) ends here
            return Errors.fatalError(e, cl, Arrays.asList(line).contains("--verbose"));
        }
    }

    /** The configured picocli command line (error handlers, case-insensitive enum values). */
    static CommandLine commandLine(java.util.function.BooleanSupplier cancelled) {
        CommandLine cl = new CommandLine(new NclCommand(), new Factory(cancelled));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Errors::usageError);
        cl.setExecutionExceptionHandler(Errors::runtimeError);
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(100);
        cl.getSubcommands().get("discover").getCommandSpec().usageMessage().footer(Settings.footer());
        return cl;
    }

    /**
     * The arguments with {@code discover} put in front when they name no command: none at all, a first
     * argument that is a {@code NAME=VALUE} setting, or a first option that is not a top-level one. Options of
     * every command ({@code --verbose}) may come before a command's name: {@code ncl --verbose info ...} runs
     * {@code info}.
     */
    static String[] withDefaultCommand(String[] args) {
        int first = 0;
        while (first < args.length && GLOBAL.contains(args[first])) {
            first++;
        }
        if (first == args.length
                || args[first].contains("=") && !args[first].startsWith("-")
                || args[first].startsWith("-") && !TOP_LEVEL.contains(args[first])) {
            List<String> a = new ArrayList<>();
            a.add("discover");
            a.addAll(Arrays.asList(args));
            return a.toArray(new String[0]);
        }
        return args;
    }

    /** The library version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "ncl " + NclProvenance.NCL_VERSION + " (Neighborhood Contrastive Learning on DJL)",
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch")
            };
        }
    }

    /** Creates the commands, handing the cancellation check to the ones that train. */
    private static final class Factory implements CommandLine.IFactory {
        private final java.util.function.BooleanSupplier cancelled;
        private final CommandLine.IFactory defaults = CommandLine.defaultFactory();

        Factory(java.util.function.BooleanSupplier cancelled) {
            this.cancelled = cancelled == null ? () -> false : cancelled;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == DiscoverCommand.class) {
                return cls.cast(new DiscoverCommand(cancelled));
            }
            return defaults.create(cls);
        }
    }
}
