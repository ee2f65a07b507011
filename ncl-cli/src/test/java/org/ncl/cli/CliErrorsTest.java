// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad arguments and bad files: every one gives exactly one line on standard error that names the problem, and a
 * non-zero exit code (2 for usage errors, 1 for bad content), never a stack trace. None of these trains.
 */
class CliErrorsTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void unknownOptionsAndCommands() {
        Cli.run("discover", "--bogus").fails(2, "Unknown option: '--bogus'");
        Cli.run("discovr").fails(2, "did you mean discover");
        Cli.run("predict").fails(2, "Missing required option: '--model=FILE'");
        Cli.run("export-onnx", "--model", "m.ncl").fails(2, "Missing required option: '--out=FILE'");
    }

    @Test
    void badSettingsNameTheSetting() {
        Cli.run("discover", "-o", "batchSize=2").fails(2, "option 'batchSize' must be at least 4, got 2");
        Cli.run("discover", "-o", "epochs=3").fails(2, "unknown setting 'epochs'");
        Cli.run("discover", "hardNegatives=maybe")
                .fails(2, "option 'hardNegatives': cannot use 'maybe' (expected true or false)");
        Cli.run("discover", "--seed", "1", "-o", "seed=2")
                .fails(2, "setting 'seed' is given twice (--seed and --option seed=2)");
        Cli.run("discover", "--encoder", "transformer").fails(2, "Invalid value for option '--encoder'");
        Cli.run("discover", "--epochs", "1,2").fails(2, "--epochs takes one number (all stages) or three");
        Cli.run("discover", "-o", "noequals").fails(2, "setting 'noequals' is not NAME=VALUE");
        Cli.run("discover", "--rows", "0").fails(2, "--rows must be at least 1");
    }

    @Test
    void withoutACommandTheMainJobRuns() {
        assertEquals(java.util.List.of("discover"), java.util.List.of(NclCommand.withDefaultCommand(new String[0])));
        assertEquals(
                java.util.List.of("discover", "seed=2", "--out", "d"),
                java.util.List.of(NclCommand.withDefaultCommand(new String[] {"seed=2", "--out", "d"})));
        assertEquals(
                java.util.List.of("discover", "--quiet"),
                java.util.List.of(NclCommand.withDefaultCommand(new String[] {"--quiet"})));
        assertEquals(
                java.util.List.of("--help"), java.util.List.of(NclCommand.withDefaultCommand(new String[] {"--help"})));
        assertEquals(
                java.util.List.of("info", "--model", "m"),
                java.util.List.of(NclCommand.withDefaultCommand(new String[] {"info", "--model", "m"})));
    }

    @Test
    void bareSettingsWithoutACommandGoToDiscover() {
        Cli.run("batchSize=1").fails(2, "option 'batchSize' must be at least 4, got 1");
        assertTrue(Cli.run("batchSize=1").err().contains("(see 'ncl discover --help')"));
    }

    @Test
    void missingAndUnusableFiles() throws IOException {
        Cli.run("discover", "--csv", dir.resolve("nope.csv").toString(), "--label-column", "c")
                .fails(2, "--csv: file not found: " + dir.resolve("nope.csv"));
        Cli.run("discover", "--csv", dir.toString(), "--label-column", "c").fails(2, "--csv: not a regular file");
        Path csv = file("ok.csv", "a,b,c\n1,2,x\n3,4,\n");
        Cli.run("discover", "--csv", csv.toString()).fails(2, "--csv needs --label-column NAME");
        Cli.run("discover", "--csv", csv.toString(), "--arff", csv.toString()).fails(2, "mutually exclusive");
        Cli.run("discover", "--csv", csv.toString(), "--label-column", "c").fails(2, "--novel-classes K is required");
        Cli.run("discover", "--idx", csv.toString(), csv.toString()).fails(2, "--idx needs --known-classes");
        Cli.run("discover", "--out", csv.toString()).fails(2, "--out must be a directory");
        Cli.run("predict", "--model", dir.resolve("missing.ncl").toString()).fails(2, "--model: file not found");
    }

    @Test
    void badFileContentIsARuntimeFailureNamingLineAndColumn() throws IOException {
        Path notNumber = file("bad.csv", "a,b,c\n1,2,x\n3,oops,\n");
        Cli.run("discover", "--csv", notNumber.toString(), "--label-column", "c", "-k", "1")
                .fails(1, "line 3")
                .fails(1, "\"b\"");
        Path noLabel = file("nolabel.csv", "a,b\n1,2\n");
        Cli.run("discover", "--csv", noLabel.toString(), "--label-column", "c", "-k", "1")
                .fails(1, "no label column \"c\" in the header; its columns are [a, b]");
        Path allLabeled = file("all.csv", "a,b,c\n1,2,x\n3,4,y\n5,6,x\n");
        Cli.run("discover", "--csv", allLabeled.toString(), "--label-column", "c", "-k", "1", "--epochs", "1")
                .fails(1, "no unlabeled rows");
        Path idx = file("images.idx", "this is not an IDX file");
        Cli.run("discover", "--idx", idx.toString(), idx.toString(), "--known-classes", "0,1")
                .fails(1, idx.toString());
        Path notAModel = file("model.ncl", "not a zip");
        Cli.run("info", "--model", notAModel.toString()).fails(1, notAModel.toString());
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path notAModel = file("model.ncl", "not a zip");
        Cli.Result r = Cli.run("info", "--verbose", "--model", notAModel.toString());
        assertEquals(1, r.code());
        assertTrue(r.errLines().size() > 3, r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void helpAndVersionExitWithZero() {
        for (String command : new String[] {"discover", "predict", "evaluate", "export-onnx", "info", "plot"}) {
            Cli.Result r = Cli.run(command, "--help").ok();
            assertTrue(r.out().startsWith("Usage: ncl " + command), r.out());
        }
        Cli.Result discover = Cli.run("discover", "--help");
        for (org.ncl.core.options.Setting<?> s : org.ncl.core.options.NclOptions.settings()) {
            assertTrue(discover.out().contains("  " + s.name() + " ("), "the settings footer lists " + s.name());
        }
        assertTrue(
                discover.out().contains("hngKept (integer >= 1, default 400): Generated negatives kept"),
                discover.out());
        assertTrue(Cli.run("--version").ok().out().startsWith("ncl 0.1.0"));
        assertTrue(Cli.run("--help").ok().out().contains("130   cancelled (Ctrl-C)"));
    }
}
