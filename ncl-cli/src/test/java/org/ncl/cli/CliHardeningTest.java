// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.progress.TrainingListener;

/**
 * Crashes, exit codes and messages of the tool: an Error is one line and exit 1 at once (no Ctrl-C report, no
 * wait), {@code --verbose} before a command, usage errors exit 2, messages name the file and line, {@code -q}
 * keeps warnings, and a training run prints no PyTorch warning on standard error.
 */
class CliHardeningTest {

    @TempDir
    Path dir;

    private Path csv() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "a,b,label\n1,2,x\n3,4,\n5,6,y\n7,8,\n1,3,x\n2,4,y\n");
        return f;
    }

    @Test
    void verboseBeforeACommandRunsThatCommand() {
        assertArrayEquals(
                new String[] {"--verbose", "info", "--help"},
                NclCommand.withDefaultCommand(new String[] {"--verbose", "info", "--help"}));
        assertArrayEquals(
                new String[] {"discover", "--verbose"}, NclCommand.withDefaultCommand(new String[] {"--verbose"}));
        assertArrayEquals(
                new String[] {"discover", "--verbose", "--rows", "5"},
                NclCommand.withDefaultCommand(new String[] {"--verbose", "--rows", "5"}));
        Cli.Result r = Cli.run("--verbose", "info", "--help").ok();
        assertTrue(r.out().startsWith("Usage: ncl info"), r.out());
        Cli.Result missing = Cli.run("--verbose", "info");
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().startsWith("error: Missing required option: '--model=FILE' (see 'ncl info --help')"));
    }

    @Test
    void optionsThatDoNotFitTheDataAreUsageErrors() throws IOException {
        String f = csv().toString();
        String out = dir.resolve("run").toString();
        Cli.run("discover", "--csv", f, "--label-column", "label", "-k", "500", "--out", out)
                .fails(2, "-k/--novel-classes 500 is more than the 2 unlabeled rows");
        Cli.run("discover", "--csv", f, "--label-column", "label", "--delimiter", "\"", "--out", out)
                .fails(2, "--delimiter '\"' is not usable");
        Cli.run("discover", "--csv", f, "--label-column", "label", "--truth-column", "label", "--out", out)
                .fails(2, "--truth-column \"label\" is also the --label-column");
        assertFalse(Files.exists(dir.resolve("run")), "nothing is written for a usage error");
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheLine() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, "a,b,label\n1,2,x\n3,4,\n5,6,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Cli.run(
                        "discover",
                        "--csv",
                        f.toString(),
                        "--label-column",
                        "label",
                        "-k",
                        "1",
                        "--out",
                        dir.resolve("o").toString())
                .fails(1, f + ": not UTF-8 text at line 4 (byte 29 is 0xE9)")
                .fails(1, "as UTF-8");
    }

    @Test
    void anOutputAtADanglingLinkSaysSo() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("out"), dir.resolve("missing/deeper"));
        Cli.run("discover", "--csv", csv().toString(), "--label-column", "label", "-k", "2", "--out", link.toString())
                .fails(2, link + " is a symbolic link to " + dir.resolve("missing/deeper") + ", which does not exist");
    }

    @Test
    void anErrorIsOneLineAndExitCode1() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {
            "discover",
            "--csv",
            csv().toString(),
            "--label-column",
            "label",
            "-k",
            "2",
            "--epochs",
            "1",
            "--out",
            dir.resolve("run").toString()
        };
        int code = NclCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        new Cli.Result(code, out.toString(), err.toString()).fails(1, "out of memory (Java heap space)");
    }

    @Test
    void anErrorInTheToolsJvmExitsAtOnceWithoutACtrlCReport() throws Exception {
        Process p = fork(
                "-Xmx40m",
                List.of(
                        "discover",
                        "--epochs",
                        "1",
                        "--no-plots",
                        "--out",
                        dir.resolve("run").toString()));
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the tool should exit at once, not wait for a Ctrl-C wind-down");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.startsWith("error: out of memory"), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("interrupted"), err);
    }

    @Test
    void quietKeepsTheWarnings() {
        StringWriter s = new StringWriter();
        TrainingListener l = TrainingProgress.create(new PrintWriter(s, true), true, 64);
        l.onMessage("device: cpu");
        l.onMessage("warning: collapse in DISCOVERY epoch 2: one cluster");
        assertEquals(
                "warning: collapse in DISCOVERY epoch 2: one cluster",
                s.toString().strip());
    }

    @Test
    void trainingPrintsNoPyTorchWarning() throws Exception {
        Path out = dir.resolve("run");
        Process p = fork(
                "-Xmx1g",
                List.of(
                        "discover",
                        "--csv",
                        csv().toString(),
                        "--label-column",
                        "label",
                        "-k",
                        "2",
                        "--epochs",
                        "1,1,2",
                        "--no-plots",
                        "-q",
                        "--out",
                        out.toString()));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a tiny training should finish");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, p.exitValue(), err);
        assertFalse(err.contains("AutoNonVariableTypeMode"), err);
        assertFalse(err.contains("Warning:"), err);
        // predict loads the model (the other place the values of parameters are set)
        Process q = fork(
                "-Xmx1g",
                List.of(
                        "predict",
                        "--model",
                        out.resolve("model.ncl").toString(),
                        "--csv",
                        csv().toString(),
                        "--out",
                        dir.resolve("p.csv").toString()));
        assertTrue(q.waitFor(120, TimeUnit.SECONDS));
        err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, q.exitValue(), err);
        assertFalse(err.contains("AutoNonVariableTypeMode"), err);
    }

    /** Starts the tool in its own JVM (stderr to stderr.txt, stdout discarded). */
    private Process fork(String heap, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(
                List.of(java, heap, "-cp", System.getProperty("java.class.path"), "org.ncl.cli.NclCommand"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
