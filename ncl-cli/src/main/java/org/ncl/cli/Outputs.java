// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.io.AtomicFiles;
import org.ncl.core.metrics.ClusteringScores;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The text files the commands write: the predictions CSV ({@link #predictionsCsv}) and JSON for metrics; and where
 * they go: the checks of an output file ({@link #checkOutputFile}) and the output directory of a run that replaces
 * the previous run's files as a set ({@link OutputDirectory}).
 *
 * <p>Predictions CSV columns: {@code row} (0-based), {@code label} (the task-agnostic answer: a known class name
 * or {@code novel-k}), {@code novel} (true for a novel cluster), {@code output} (its index among the C_l + C_u
 * outputs), {@code confidence} (its probability), {@code known_class} (the known head's answer alone; blank for a
 * model without known classes),
 * {@code novel_cluster} (the novel head's cluster id alone, 0..C_u-1, the task-aware answer for rows known to be
 * new), {@code novel_confidence} (that cluster's probability under the novel head), and {@code true_class} when the
 * data has ground truth.
 */
final class Outputs {

    /** The header of the predictions CSV without the optional {@code true_class} column. */
    static final List<String> PREDICTION_COLUMNS = List.of(
            "row", "label", "novel", "output", "confidence", "known_class", "novel_cluster", "novel_confidence");

    static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private Outputs() {}

    /** The predictions of {@code model} for the rows of {@code data} as CSV text. */
    static String predictionsCsv(NclModel model, DiscoveryData data, List<NclPrediction> predictions) {
        StringWriter w = new StringWriter();
        boolean truth = data.hasGroundTruth();
        try (CSVPrinter p = new CSVPrinter(
                w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            List<String> header = new java.util.ArrayList<>(PREDICTION_COLUMNS);
            if (truth) {
                header.add("true_class");
            }
            p.printRecord(header);
            for (int i = 0; i < predictions.size(); i++) {
                NclPrediction q = predictions.get(i);
                List<Object> r = new java.util.ArrayList<>(List.of(
                        i,
                        q.label(),
                        q.novel(),
                        q.index(),
                        f4(q.confidence()),
                        model.knownClassNames().isEmpty()
                                ? ""
                                : model.knownClassNames().get(q.knownClass()),
                        q.novelCluster(),
                        f4(q.novelProbabilities()[q.novelCluster()])));
                if (truth) {
                    r.add(data.groundTruthNames().get(data.groundTruth()[i]));
                }
                p.printRecord(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Scores as a JSON object: accuracy, nmi, ari, n (NaN as NaN). */
    static JsonObject scores(ClusteringScores s) {
        JsonObject o = new JsonObject();
        o.addProperty("accuracy", s.accuracy());
        o.addProperty("nmi", s.nmi());
        o.addProperty("ari", s.ari());
        o.addProperty("n", s.n());
        return o;
    }

    /** The number of rows assigned to each output, as a JSON object in output order. */
    static JsonObject outputCounts(NclModel model, List<NclPrediction> predictions) {
        long[] counts = new long[model.outputNames().size()];
        for (NclPrediction p : predictions) {
            counts[p.index()]++;
        }
        JsonObject o = new JsonObject();
        for (int i = 0; i < counts.length; i++) {
            o.addProperty(model.outputNames().get(i), counts[i]);
        }
        return o;
    }

    /** A list of strings as a JSON array. */
    static JsonArray array(List<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * Checks an output file option before anything is read or computed: {@code out} is not a directory, not one of
     * the command's input files (writing it would replace the input) and its directory can be written.
     *
     * @param option the option's name for messages, e.g. {@code --out}
     * @param inputs the command's input files, by option name ({@code --model}, {@code --csv}, ...)
     * @throws ParameterException (a usage error) naming the file and the reason
     */
    static void checkOutputFile(CommandLine cl, String option, Path out, Map<String, Path> inputs) {
        if (Files.isDirectory(out)) {
            throw new ParameterException(cl, option + " must be a file, but " + out + " is a directory");
        }
        inputs.forEach((inputOption, input) -> {
            if (input != null && sameFile(out, input)) {
                throw new ParameterException(
                        cl,
                        option + " " + out + " is the input file of " + inputOption
                                + ": writing it would replace that file; choose another " + option);
            }
        });
        Path parent = out.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && (!Files.isDirectory(parent) || !Files.isWritable(parent))) {
            throw new ParameterException(
                    cl, option + ": cannot write " + out + " (" + parent + " is not a writable directory)");
        }
    }

    /** Whether two paths name the same file: the same file on disk, or the same normalised path if one is missing. */
    static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * The output directory of one run of a command that writes several files ({@code discover}, {@code plot}), which replaces the
     * files of the previous run there as a set or not at all.
     *
     * <ul>
     *   <li>{@link #open} checks everything before the work starts: the directory can be created and written, and
     *       none of the names the command may write is taken by a directory; then it locks the directory for the
     *       whole run ({@link FileChannel#tryLock} on {@value #LOCK} inside it), refusing when another run holds it.
     *   <li>The run writes its files into a fresh staging directory inside it ({@link #staged}).
     *   <li>{@link #commit} moves them into place together: every file of the previous run (any of the command's
     *       names) goes, the new ones come; if a move fails the previous files are put back.
     *   <li>{@link #close} deletes the staging directory (with whatever a failed or cancelled run left there) and
     *       releases the lock; so a run that fails at any point leaves the previous set as it was.
     * </ul>
     */
    static final class OutputDirectory implements Closeable {

        /** The lock file inside the output directory (kept: deleting it would let two runs lock different files). */
        static final String LOCK = ".ncl.lock";
        /** The prefix of the staging directories inside the output directory. */
        static final String STAGING_PREFIX = ".ncl-staging-";

        private final Path dir;
        private final Set<String> names;
        private final FileChannel lockChannel;
        private final FileLock lock;
        private final Path staging;

        private OutputDirectory(Path dir, Set<String> names, FileChannel lockChannel, FileLock lock, Path staging) {
            this.dir = dir;
            this.names = names;
            this.lockChannel = lockChannel;
            this.lock = lock;
            this.staging = staging;
        }

        /**
         * Checks, creates and locks {@code dir} for a run that may write the files {@code names} (every name the
         * command can write: the ones it does not write this time are removed at {@link #commit}).
         *
         * @throws ParameterException (a usage error) if {@code dir} is a file, cannot be created or written, a
         *     name is taken by a directory, or another run holds the lock
         */
        static OutputDirectory open(CommandLine cl, String option, Path dir, Collection<String> names) {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new ParameterException(cl, option + " must be a directory, but " + dir + " is a file");
            }
            if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
                String target;
                try {
                    target = Files.readSymbolicLink(dir).toString();
                } catch (IOException e) {
                    target = "?";
                }
                throw new ParameterException(
                        cl,
                        option + ": " + dir + " is a symbolic link to " + target
                                + ", which does not exist; create that directory or choose another " + option);
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new ParameterException(
                        cl, option + ": cannot create the directory " + dir + " (" + Errors.describe(e) + ")");
            }
            if (!Files.isWritable(dir)) {
                throw new ParameterException(cl, option + ": cannot write to " + dir + " (permission denied)");
            }
            for (String name : names) {
                Path p = dir.resolve(name);
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
                    throw new ParameterException(
                            cl,
                            option + ": " + p + " is " + (Files.isDirectory(p) ? "a directory" : "not a regular file")
                                    + ", so the run's " + name + " could not be written there; move it away first");
                }
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new ParameterException(cl, option + ": cannot write to " + dir + " (" + Errors.describe(e) + ")");
            }
            FileLock lock = null;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // held by this JVM
            } catch (IOException e) {
                closeQuietly(channel);
                throw new ParameterException(
                        cl, option + ": cannot lock " + dir.resolve(LOCK) + " (" + Errors.describe(e) + ")");
            }
            if (lock == null) {
                closeQuietly(channel);
                throw new ParameterException(
                        cl,
                        option + " " + dir + " is in use by another ncl run (it holds " + dir.resolve(LOCK)
                                + "); wait for it to finish or choose another " + option);
            }
            try {
                try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, STAGING_PREFIX + "*")) {
                    for (Path p : stale) {
                        deleteTree(p); // left by a run that was killed; nobody else can use it while we hold the lock
                    }
                }
                Path staging = Files.createDirectory(dir.resolve(STAGING_PREFIX + Long.toHexString(System.nanoTime())
                        + "-" + ProcessHandle.current().pid()));
                return new OutputDirectory(dir, new LinkedHashSet<>(names), channel, lock, staging);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new ParameterException(cl, option + ": cannot write to " + dir + " (" + Errors.describe(e) + ")");
            }
        }

        /** The output directory. */
        Path dir() {
            return dir;
        }

        /** The staging directory, where the run writes its files until {@link #commit}. */
        Path stagingDirectory() {
            return staging;
        }

        /** Where the run writes {@code name} until {@link #commit}. */
        Path staged(String name) {
            return staging.resolve(name);
        }

        /** Where {@code name} ends up. */
        Path target(String name) {
            return dir.resolve(name);
        }

        /**
         * Moves one staged file into the output directory now, under {@code name} (which need not be its staged
         * name), outside the set: for what a stopped run keeps, such as a checkpoint.
         */
        Path keep(String stagedName, String name) throws IOException {
            Path target = target(name);
            AtomicFiles.move(staged(stagedName), target);
            return target;
        }

        /**
         * Replaces the previous run's files with the staged ones: every file of the command's names in the output
         * directory is moved aside, every staged file moved into place; if a move fails, the previous files are
         * put back and the error rethrown.
         *
         * @return the files now in place, in the order of the names
         */
        List<Path> commit() throws IOException {
            Path previous = Files.createDirectory(staging.resolve(".previous"));
            List<String> movedAside = new ArrayList<>();
            List<String> movedIn = new ArrayList<>();
            try {
                for (String name : names) {
                    if (Files.exists(target(name), LinkOption.NOFOLLOW_LINKS)) {
                        AtomicFiles.move(target(name), previous.resolve(name));
                        movedAside.add(name);
                    }
                }
                for (String name : names) {
                    if (Files.exists(staged(name))) {
                        AtomicFiles.move(staged(name), target(name));
                        movedIn.add(name);
                    }
                }
            } catch (IOException | RuntimeException e) {
                try {
                    for (String name : movedIn) {
                        AtomicFiles.move(target(name), staged(name));
                    }
                    for (String name : movedAside) {
                        AtomicFiles.move(previous.resolve(name), target(name));
                    }
                } catch (IOException | RuntimeException restore) {
                    e.addSuppressed(restore);
                }
                throw e;
            }
            return movedIn.stream().map(this::target).toList();
        }

        /** Deletes the staging directory and releases the lock. */
        @Override
        public void close() {
            try {
                deleteTree(staging);
            } catch (IOException e) {
                // a leftover staging directory is removed by the next run
            } finally {
                try {
                    lock.release();
                } catch (IOException e) {
                    // closing the channel releases it too
                }
                closeQuietly(lockChannel);
            }
        }

        private static void deleteTree(Path root) throws IOException {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }

        private static void closeQuietly(Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
