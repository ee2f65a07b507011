// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ncl.core.NclModel;
import org.ncl.core.data.CsvReader;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.data.IdxImages;
import org.ncl.core.data.IdxReader;
import org.ncl.core.data.NovelClassSplit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where a command's rows come from: a CSV file, an ARFF file, an IDX image pair (the MNIST format) or the
 * Fashion-MNIST test split embedded in {@code ncl-core} (the default). The same options serve training
 * ({@link #forTraining}: rows with known labels, unlabeled rows to discover) and a trained model
 * ({@link #forModel}: rows in the model's terms, with their true classes when known).
 */
final class DataOptions {

    /** The class-name list that stands for the ten Fashion-MNIST classes. */
    static final String FASHION_MNIST = "fashion-mnist";

    /** The input, at most one. */
    static final class Source {
        @Option(
                names = "--csv",
                paramLabel = "FILE",
                required = true,
                description = "CSV file with a header. For training, --label-column names the column of known "
                        + "labels (a blank cell = unlabeled); every other column except --truth-column is a feature.")
        Path csv;

        @Option(
                names = "--arff",
                paramLabel = "FILE",
                required = true,
                description = "ARFF file. For training, --label-attribute names the nominal attribute of known "
                        + "labels (? = unlabeled); numeric attributes are features, nominal ones one-hot.")
        Path arff;

        @Option(
                names = "--idx",
                arity = "1..2",
                paramLabel = "FILE",
                required = true,
                description = "IDX images file and labels file (MNIST format, gzipped or not), e.g. "
                        + "--idx t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; training needs --known-classes.")
        List<Path> idx;

        @Option(
                names = "--embedded",
                required = true,
                description = "The Fashion-MNIST test split shipped with ncl-core (10,000 images, classes 0-4 known by "
                        + "default); the default input.")
        boolean embedded;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(
            names = {"--label-column", "--label-attribute"},
            paramLabel = "NAME",
            description = "CSV column / ARFF attribute holding the known labels (blank or ? = unlabeled).")
    String labelColumn;

    @Option(
            names = {"--truth-column", "--truth-attribute"},
            paramLabel = "NAME",
            description = "CSV column / ARFF attribute holding the true class of every row: used only for evaluation "
                    + "and plots, never for training.")
    String truthColumn;

    @Option(
            names = "--known-classes",
            split = ",",
            paramLabel = "ID",
            description = "IDX and embedded data: the label values that are known (labeled); the others are novel. "
                    + "Default for the embedded data: 0,1,2,3,4.")
    int[] knownClasses;

    @Option(
            names = "--class-names",
            split = ",",
            paramLabel = "NAME",
            description = "IDX data: the name of each label value 0,1,2,...; '" + FASHION_MNIST + "' for the ten "
                    + "Fashion-MNIST names. Default: the values themselves.")
    List<String> classNames;

    @Option(names = "--rows", paramLabel = "N", description = "Use only the first N rows (a quick run).")
    Integer rows;

    @Option(
            names = "--delimiter",
            paramLabel = "CHAR",
            defaultValue = ",",
            description = "CSV cell delimiter (default: ${DEFAULT-VALUE}).")
    char delimiter;

    /** The input files by option name ({@code --csv}, {@code --arff}, {@code --idx}), for the checks of an output. */
    Map<String, Path> inputFiles() {
        Map<String, Path> files = new LinkedHashMap<>();
        if (source != null && source.csv != null) {
            files.put("--csv", source.csv);
        } else if (source != null && source.arff != null) {
            files.put("--arff", source.arff);
        } else if (source != null && source.idx != null) {
            for (Path p : source.idx) {
                files.putIfAbsent("--idx " + p, p);
            }
        }
        return files;
    }

    /** A short description of the input for messages, e.g. {@code "data.csv"} or {@code "the embedded ..."}. */
    String describe() {
        String what;
        if (source == null || source.embedded) {
            what = "the embedded Fashion-MNIST test split";
        } else if (source.csv != null) {
            what = source.csv.toString();
        } else if (source.arff != null) {
            what = source.arff.toString();
        } else {
            what = source.idx.get(0) + (source.idx.size() > 1 ? " and " + source.idx.get(1) : "");
        }
        return rows == null ? what : what + " (first " + rows + " rows)";
    }

    /**
     * The rows to train on: features, known labels (unlabeled rows to be discovered) and, when available, the
     * ground truth (for evaluation only).
     *
     * @throws ParameterException for a missing file or a missing option the input needs
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if a file's content is not a valid data set (the message says where)
     */
    DiscoveryData forTraining(CommandLine cl) throws IOException {
        checkRows(cl);
        DiscoveryData data;
        if (source == null || source.embedded) {
            data = FashionMnist.embeddedTest(knownClasses == null ? FashionMnist.defaultKnownClasses() : knownClasses);
        } else if (source.csv != null) {
            requireFile(source.csv, "--csv", cl);
            if (labelColumn == null) {
                throw new ParameterException(
                        cl,
                        "--csv needs --label-column NAME: the column whose blank cells mark " + "the unlabeled rows");
            }
            CsvReader.Options.Builder o =
                    CsvReader.options().labelColumn(labelColumn).delimiter(delimiter);
            if (truthColumn != null) {
                o.groundTruthColumn(truthColumn);
            }
            CsvReader.Options csvOptions;
            try {
                csvOptions = o.build();
            } catch (IllegalArgumentException e) { // the core's check of the options, in the tool's words
                throw new ParameterException(cl, inOptionWords(e.getMessage()));
            }
            Path csv = source.csv;
            data = readText(csv, () -> CsvReader.read(csv, csvOptions));
        } else if (source.arff != null) {
            requireFile(source.arff, "--arff", cl);
            if (labelColumn == null) {
                throw new ParameterException(
                        cl,
                        "--arff needs --label-attribute NAME: the nominal attribute whose "
                                + "missing values (?) mark the unlabeled rows");
            }
            data = ArffInput.read(source.arff, labelColumn, truthColumn);
        } else {
            if (source.idx.size() != 2) {
                throw new ParameterException(cl, "--idx needs two files for training: the images and the labels");
            }
            if (knownClasses == null) {
                throw new ParameterException(
                        cl,
                        "--idx needs --known-classes ID,ID,...: the label values that are "
                                + "known; the rows of the other values are unlabeled and to be discovered");
            }
            IdxImages images = readImages(source.idx.get(0), cl);
            int[] labels = readLabels(source.idx.get(1), images.count(), cl);
            data = NovelClassSplit.split(
                    images.pixels(),
                    new int[] {1, images.rows(), images.cols()},
                    labels,
                    classNames(labels, cl),
                    knownClasses);
        }
        return slice(data, cl);
    }

    /**
     * The rows to ask a trained model about, in its terms ({@link ModelData}): with true classes when the input
     * has them (CSV/ARFF: {@code --truth-column}; IDX: the labels file; embedded: always).
     *
     * @param needTruth whether the command needs the true classes (an error if the input has none)
     */
    DiscoveryData forModel(NclModel model, boolean needTruth, CommandLine cl) throws IOException {
        checkRows(cl);
        DiscoveryData data;
        if (source == null || source.embedded) {
            data = ModelData.of(model, FashionMnist.embeddedTest());
        } else if (source.csv != null) {
            requireFile(source.csv, "--csv", cl);
            if (needTruth && truthColumn == null) {
                throw new ParameterException(
                        cl, "--csv needs --truth-column NAME here: the column with the true class " + "of every row");
            }
            checkDelimiter(cl);
            Path csv = source.csv;
            FeatureCsv.Table t =
                    readText(csv, () -> FeatureCsv.read(csv, model.featureNames(), truthColumn, delimiter));
            data = ModelData.of(model, t.features(), t.truth());
        } else if (source.arff != null) {
            requireFile(source.arff, "--arff", cl);
            if (needTruth && truthColumn == null) {
                throw new ParameterException(
                        cl,
                        "--arff needs --truth-attribute NAME here: the attribute with the "
                                + "true class of every row");
            }
            data = ArffInput.readForModel(source.arff, model, truthColumn);
        } else {
            IdxImages images = readImages(source.idx.get(0), cl);
            if (source.idx.size() < 2) {
                if (needTruth) {
                    throw new ParameterException(cl, "--idx needs the labels file too here: --idx IMAGES LABELS");
                }
                data = ModelData.of(model, images.pixels(), null);
            } else {
                int[] labels = readLabels(source.idx.get(1), images.count(), cl);
                List<String> names = classNames(labels, cl);
                List<String> truth = new ArrayList<>(labels.length);
                for (int l : labels) {
                    truth.add(names.get(l));
                }
                data = ModelData.of(model, images.pixels(), truth);
            }
        }
        if (needTruth && !data.hasGroundTruth()) {
            throw new ParameterException(cl, describe() + " has no true classes");
        }
        return slice(data, cl);
    }

    private void checkRows(CommandLine cl) {
        if (rows != null && rows < 1) {
            throw new ParameterException(cl, "--rows must be at least 1, got " + rows);
        }
    }

    private DiscoveryData slice(DiscoveryData data, CommandLine cl) {
        if (rows == null || rows >= data.numRows()) {
            return data;
        }
        int[] idx = new int[rows];
        Arrays.setAll(idx, i -> i);
        return data.subset(idx);
    }

    private List<String> classNames(int[] labels, CommandLine cl) {
        int max = Arrays.stream(labels).max().orElse(0);
        if (classNames == null) {
            List<String> names = new ArrayList<>();
            for (int v = 0; v <= max; v++) {
                names.add(Integer.toString(v));
            }
            return names;
        }
        List<String> names = classNames.size() == 1
                        && classNames.get(0).toLowerCase(Locale.ROOT).equals(FASHION_MNIST)
                ? FashionMnist.CLASS_NAMES
                : classNames;
        if (names.size() <= max) {
            throw new ParameterException(
                    cl,
                    "--class-names gives " + names.size() + " names but the labels go up to " + max
                            + " (one name per value 0.." + max + " is needed)");
        }
        return names;
    }

    private static IdxImages readImages(Path file, CommandLine cl) throws IOException {
        requireFile(file, "--idx", cl);
        return IdxReader.readImages(file);
    }

    private static int[] readLabels(Path file, int count, CommandLine cl) throws IOException {
        requireFile(file, "--idx", cl);
        int[] labels = IdxReader.readLabels(file);
        if (labels.length != count) {
            throw new IOException(file + ": " + labels.length + " labels for " + count + " images; the two IDX files "
                    + "must describe the same items");
        }
        return labels;
    }

    /** A file read that may fail. */
    @FunctionalInterface
    interface Read<T> {
        T read() throws IOException;
    }

    /**
     * Reads a text file, reporting a file that is not UTF-8 by its name, the line of the first byte that is not
     * UTF-8 and the encoding expected (the readers' own message is Java's "Input length = 1").
     */
    static <T> T readText(Path file, Read<T> read) throws IOException {
        try {
            return read.read();
        } catch (CharacterCodingException e) {
            throw notUtf8(file, e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException c) {
                throw notUtf8(file, c);
            }
            throw e;
        } catch (IOException e) {
            // CsvReader names the file and line itself but keeps the decoder's exception as the cause
            if (e.getCause() instanceof CharacterCodingException c) {
                throw notUtf8(file, c);
            }
            throw e;
        }
    }

    private static IOException notUtf8(Path file, CharacterCodingException e) {
        String where = "";
        try {
            byte[] bytes = Files.readAllBytes(file);
            CharsetDecoder decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(8192);
            while (true) {
                CoderResult r = decoder.decode(in, out, true);
                if (r.isError()) {
                    int at = in.position();
                    int line = 1;
                    for (int i = 0; i < at; i++) {
                        if (bytes[i] == '\n') {
                            line++;
                        }
                    }
                    where = String.format(
                            Locale.ROOT, " at line %d (byte %d is 0x%02X)", line, at + 1, bytes[at] & 0xFF);
                    break;
                }
                if (r.isUnderflow()) {
                    break;
                }
                out.clear();
            }
        } catch (IOException | RuntimeException ignored) {
            // the position is a help, not needed for the message
        }
        IOException x = new IOException(
                file + ": not UTF-8 text" + where + "; the tool reads CSV files as UTF-8: save the file as UTF-8");
        x.initCause(e);
        return x;
    }

    /** The core's message about a reader option, with the option named as on the command line. */
    private static String inOptionWords(String message) {
        return message.replace("option groundTruthColumn", "--truth-column")
                .replace("option labelColumn", "--label-column")
                .replace("option delimiter", "--delimiter")
                .replace("is the label column", "is also the --label-column");
    }

    /** A usage error for a delimiter the CSV readers cannot use (the core's rule). */
    private void checkDelimiter(CommandLine cl) {
        try {
            CsvReader.options().labelColumn("label").delimiter(delimiter).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, inOptionWords(e.getMessage()));
        }
    }

    /** A usage error (exit code 2) when {@code file} is not a readable regular file. */
    static void requireFile(Path file, String option, CommandLine cl) {
        if (!Files.exists(file)) {
            throw new ParameterException(cl, option + ": file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(cl, option + ": not a regular file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new ParameterException(cl, option + ": cannot read " + file + " (permission denied)");
        }
    }
}
