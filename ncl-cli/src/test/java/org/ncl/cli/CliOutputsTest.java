// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output files of a run: a discover that fails or is stopped at any point leaves the files of an earlier run in
 * its output directory as they were (byte for byte), two runs cannot share an output directory, an output never
 * replaces an input, and a bad output directory is found before training. The earlier run is one tiny discover on a
 * table of four Gaussian blobs (a and b labeled), copied into each test's output directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliOutputsTest {

    static final String[] TINY = {
        "--epochs",
        "1,1,1",
        "-o",
        "mlpHiddenSizes=16",
        "-o",
        "embeddingDim=8",
        "-o",
        "projectionDim=8",
        "-o",
        "batchSize=64",
        "-o",
        "selectionSampleSize=50",
        "--no-baseline"
    };

    Path dir;
    Path train;
    Path earlier;
    Map<String, String> earlierFiles;

    @BeforeAll
    void anEarlierGoodRun(@TempDir Path tmp) throws IOException {
        dir = tmp;
        train = dir.resolve("train.csv");
        Files.writeString(train, blobs("a", "b"));
        earlier = dir.resolve("earlier");
        discover(train, earlier).ok();
        earlierFiles = snapshot(earlier);
        assertTrue(earlierFiles.keySet().containsAll(List.of("model.ncl", "predictions.csv", "metrics.json")));
    }

    /** CSV of four blobs in 4 dimensions, 20 rows each; classes a, b labeled (as {@code knownA}, {@code knownB}). */
    static String blobs(String knownA, String knownB) {
        Random r = new Random(3);
        StringBuilder csv = new StringBuilder("x0,x1,x2,x3,label,class\n");
        String[] truth = {"a", "b", "c", "d"};
        for (int i = 0; i < 20; i++) {
            for (int c = 0; c < 4; c++) {
                for (int j = 0; j < 4; j++) {
                    csv.append(String.format(Locale.ROOT, "%.4f,", r.nextGaussian() + (j == c ? 5 : 0)));
                }
                String label = c == 0 ? knownA : c == 1 ? knownB : "";
                csv.append(label.contains(",") ? "\"" + label + "\"" : label)
                        .append(',')
                        .append(truth[c])
                        .append('\n');
            }
        }
        return csv.toString();
    }

    static Cli.Result discover(Path csv, Path out, String... more) {
        List<String> args = new ArrayList<>(
                List.of("discover", "--csv", csv.toString(), "--label-column", "label", "--truth-column", "class"));
        args.addAll(Arrays.asList(TINY));
        args.addAll(Arrays.asList(more));
        args.addAll(List.of("--out", out.toString()));
        return Cli.run(args.toArray(new String[0]));
    }

    /** Every file of a directory (not the lock file) by name, with its content (Base64 of the bytes). */
    static Map<String, String> snapshot(Path d) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.list(d)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals(Outputs.OutputDirectory.LOCK)) {
                    m.put(
                            name,
                            Files.isDirectory(f)
                                    ? "a directory"
                                    : java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
                }
            }
        }
        return m;
    }

    /** A fresh output directory holding a copy of the earlier run's files. */
    Path copyOfEarlier(String name) throws IOException {
        Path out = dir.resolve(name);
        Files.createDirectories(out);
        for (String f : earlierFiles.keySet()) {
            Files.copy(earlier.resolve(f), out.resolve(f));
        }
        return out;
    }

    static void assertNotTrained(Cli.Result r) {
        assertFalse(r.out().contains("PRETRAIN"), () -> "training should not start:\n" + r.out());
    }

    @Test
    void aRunStoppedAfterTrainingKeepsTheEarlierSetByteIdentical() throws IOException {
        Path out = copyOfEarlier("stopped");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        List<String> args = new ArrayList<>(
                List.of("discover", "--csv", train.toString(), "--label-column", "label", "--truth-column", "class"));
        args.addAll(Arrays.asList(TINY));
        args.addAll(List.of("--seed", "5", "--out", out.toString()));
        // Ctrl-C once the results are printed, i.e. after the model and the predictions were written
        int code = NclCommand.execute(
                args.toArray(new String[0]),
                new PrintWriter(stdout, true),
                new PrintWriter(stderr, true),
                () -> stdout.toString().contains("rows per output:"));
        assertEquals(NclCommand.EXIT_CANCELLED, code, stderr::toString);
        Map<String, String> after = snapshot(out);
        String checkpoint = after.remove("checkpoint.ncl");
        assertEquals(earlierFiles, after, "the earlier files, unchanged, and nothing else");
        assertTrue(checkpoint != null, "the trained model is kept as the checkpoint");
        assertTrue(stderr.toString().contains("no output file in " + out + " was replaced"), stderr::toString);
    }

    @Test
    void aKnownClassThatIsNoTrueClassFailsBeforeTrainingAndKeepsTheEarlierSet() throws IOException {
        Path out = copyOfEarlier("comma");
        Path csv = dir.resolve("comma.csv");
        Files.writeString(csv, blobs("a,1", "b"));
        Cli.Result r = discover(csv, out).fails(1, "known class 'a,1' is not among the ground-truth classes");
        assertNotTrained(r);
        assertEquals(earlierFiles, snapshot(out));
    }

    @Test
    void aSecondRunOnALockedOutputDirectoryIsRefused() throws IOException {
        Path out = copyOfEarlier("locked");
        try (FileChannel ch = FileChannel.open(
                        out.resolve(Outputs.OutputDirectory.LOCK),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            Cli.Result r = discover(train, out).fails(2, "--out " + out + " is in use by another ncl run");
            assertNotTrained(r);
        }
        assertEquals(earlierFiles, snapshot(out));
    }

    /** {@code plot} of the earlier run's model on the first {@code rows} rows of the training table into {@code out}. */
    Cli.Result plot(Path out, int rows, boolean truth) throws IOException {
        Path csv = dir.resolve("first-" + rows + ".csv");
        Files.write(csv, Files.readAllLines(train).subList(0, rows + 1));
        List<String> args = new ArrayList<>(
                List.of("plot", "--model", earlier.resolve("model.ncl").toString(), "--csv", csv.toString()));
        if (truth) {
            args.addAll(List.of("--truth-column", "class"));
        }
        args.addAll(List.of("--out", out.toString()));
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void aPlotReplacesTheEarlierPicturesAsASet() throws IOException {
        Path out = copyOfEarlier("plot");
        plot(out, 40, false).ok();
        Map<String, String> after = snapshot(out);
        assertFalse(after.containsKey("confusion.png"), "no ground truth, no confusion matrix: the earlier one goes");
        assertFalse(
                after.get("embedding.png").equals(earlierFiles.get("embedding.png")),
                "a new embedding map of other rows");
        for (String kept : List.of("model.ncl", "predictions.csv", "metrics.json")) {
            assertEquals(earlierFiles.get(kept), after.get(kept), kept + " is not plot's to replace");
        }
        assertEquals(
                Set.of("model.ncl", "predictions.csv", "metrics.json", "embedding.png", "training-curves.png"),
                after.keySet(),
                "no staging directory left");
    }

    @Test
    void aPlotOnALockedOutputDirectoryIsRefused() throws IOException {
        Path out = copyOfEarlier("plot-locked");
        try (FileChannel ch = FileChannel.open(
                        out.resolve(Outputs.OutputDirectory.LOCK),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            plot(out, 40, true).fails(2, "--out " + out + " is in use by another ncl run");
        }
        assertEquals(earlierFiles, snapshot(out));
    }

    /** Was: the pictures drawn before the failing one had already replaced the earlier ones. */
    @Test
    void aPlotThatCannotWriteOnePictureReplacesNone() throws IOException {
        Path out = copyOfEarlier("plot-blocked");
        Files.delete(out.resolve("confusion.png"));
        Files.createDirectory(out.resolve("confusion.png"));
        Map<String, String> before = snapshot(out);
        plot(out, 40, true).fails(2, out.resolve("confusion.png") + " is a directory");
        assertEquals(before, snapshot(out));
    }

    @Test
    void anOutputIsNeverTheInputModel() throws IOException {
        Path model = dir.resolve("m.ncl");
        Files.copy(earlier.resolve("model.ncl"), model);
        byte[] before = Files.readAllBytes(model);
        Path sameModel = dir.resolve(".").resolve("m.ncl");
        Cli.run("predict", "--model", model.toString(), "--csv", train.toString(), "--out", sameModel.toString())
                .fails(2, "is the input file of --model");
        Cli.run("predict", "--model", model.toString(), "--csv", train.toString(), "--out", train.toString())
                .fails(2, "is the input file of --csv");
        Cli.run("export-onnx", "--model", model.toString(), "--out", model.toString())
                .fails(2, "--out " + model + " is the input file of --model");
        assertTrue(Arrays.equals(before, Files.readAllBytes(model)), "the model is unchanged");
    }

    @Test
    void aDirectoryInTheWayOfAnOutputFailsBeforeTraining() throws IOException {
        Path out = copyOfEarlier("blocked");
        Files.delete(out.resolve("model.ncl"));
        Files.createDirectory(out.resolve("model.ncl"));
        Map<String, String> before = snapshot(out);
        Cli.Result r = discover(train, out).fails(2, out.resolve("model.ncl") + " is a directory");
        assertNotTrained(r);
        assertEquals(before, snapshot(out));
    }

    @Test
    void anOutputDirectoryThatCannotBeWrittenFailsBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertNotTrained(discover(train, file.resolve("run")).fails(2, "--out: cannot create the directory"));

        Path out = copyOfEarlier("read-only");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(out), "running as root: every directory is writable");
            assertNotTrained(discover(train, out).fails(2, "--out: cannot write to " + out));
            assertEquals(earlierFiles, snapshot(out));
        } finally {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
