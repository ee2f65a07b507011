// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.ncl.core.data.CsvReader;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.data.NovelClassSplit;
import org.ncl.weka.InstancesEncoding;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ArffLoader;

/**
 * The public discovery suite of {@link SuiteBench}: each set read from the benchmark directory (never downloaded)
 * and split into known and novel classes as the suite's protocol fixes them.
 *
 * <ul>
 *   <li>{@code pendigits}: {@code pendigits/train.csv} and {@code pendigits/test.csv} (column {@code classes},
 *       features already standardised), known 1,2,4,8,9, novel 0,3,5,6,7 (the TabularNCD split: Troisemaine et
 *       al., ICKG 2022); trained on the training file with the novel rows unlabeled, scored on the test file
 *       (novel head on its novel-class rows).</li>
 *   <li>{@code segment}: Weka's {@code weka/segment-challenge.arff}, known sky, path, grass, novel brickface,
 *       foliage, cement, window; scored on the unlabeled training rows.</li>
 *   <li>{@code soybean}: Weka's {@code weka/soybean.arff}, known the first 10 declared classes, novel the last 9;
 *       nominal attributes one-hot, missing values imputed; scored on the unlabeled rows.</li>
 *   <li>{@code digits}: {@code digits/digits.csv.gz} (64 pixel columns, then the digit; no header), known 0-4,
 *       novel 5-9; scored on the unlabeled rows.</li>
 *   <li>{@code fashion-mnist}: the project's main job, the Fashion-MNIST test split embedded in {@code ncl-core}
 *       ({@link FashionMnist#embeddedTest()}), known 0-4, novel 5-9; scored on the unlabeled rows.</li>
 * </ul>
 *
 * The ARFF files are read with Weka and encoded by weka-ncl's {@link InstancesEncoding}, the conversion the
 * {@code ncl} tool's {@code --arff} input and the Weka clusterer use (numeric attributes as they are, nominal ones
 * one-hot, missing values imputed); the known labels come from an added nominal attribute holding the class of the
 * known-class instances and a missing value for the others. The CSV files are read with the core's
 * {@link CsvReader} and split with {@link NovelClassSplit}. Standardisation is left to the trainer, as in the tool.
 */
public final class SuiteSets {

    /** The sets in the order they are run. */
    public static final List<String> NAMES = List.of("pendigits", "segment", "soybean", "digits", "fashion-mnist");

    /** The benchmark directory used when none is given, relative to the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("..", "shared", "benchmarks");

    /** Pendigits' known classes (the TabularNCD split). */
    static final List<String> PENDIGITS_KNOWN = List.of("1", "2", "4", "8", "9");

    /** Segment's known classes. */
    static final List<String> SEGMENT_KNOWN = List.of("sky", "path", "grass");

    /** Soybean: the first this many declared classes are known. */
    static final int SOYBEAN_KNOWN = 10;

    /** The name of the nominal attribute added to the ARFF data to hold the known labels. */
    static final String KNOWN_ATTRIBUTE = "suite-known-class";

    private SuiteSets() {}

    /**
     * One set, ready to train and score.
     *
     * @param name the set's name (one of {@link #NAMES})
     * @param source where it was read, e.g. {@code /data/pendigits/train.csv}
     * @param train the training rows: known-class rows labelled, novel-class rows unlabeled, ground truth kept for
     *     evaluation
     * @param scored the rows scored: the training rows themselves (transductive), or Pendigits' test rows with the
     *     known-class rows labelled and the novel-class rows unlabeled
     * @param scoredOn a phrase saying which rows the novel head is scored on
     * @param knownClasses names of the known classes
     * @param novelClasses names of the novel classes
     */
    public record DataSet(
            String name,
            String source,
            DiscoveryData train,
            DiscoveryData scored,
            String scoredOn,
            List<String> knownClasses,
            List<String> novelClasses) {

        /** Copies the lists. */
        public DataSet {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(scored, "scored");
            knownClasses = List.copyOf(knownClasses);
            novelClasses = List.copyOf(novelClasses);
        }

        /** C_u, the number of novel classes. */
        public int numNovelClasses() {
            return novelClasses.size();
        }
    }

    /**
     * Parses a comma-separated list of set names ({@code all} for every set).
     *
     * @throws IllegalArgumentException for an unknown or repeated name; the message lists the names
     */
    public static List<String> parseNames(String list) {
        List<String> out = new ArrayList<>();
        for (String s : list.split(",")) {
            String n = s.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            if (n.equals("all")) {
                for (String a : NAMES) {
                    if (!out.contains(a)) {
                        out.add(a);
                    }
                }
                continue;
            }
            if (!NAMES.contains(n)) {
                throw new IllegalArgumentException("unknown set '" + s.trim() + "'; the sets are " + NAMES + " or all");
            }
            if (out.contains(n)) {
                throw new IllegalArgumentException("set '" + n + "' is named twice");
            }
            out.add(n);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no set named; the sets are " + NAMES);
        }
        return out;
    }

    /**
     * Loads one set.
     *
     * @param name one of {@link #NAMES}
     * @param dir the benchmark directory
     * @throws NoSuchFileException naming the missing file
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException for an unknown name or a file whose content does not fit the protocol
     */
    public static DataSet load(String name, Path dir) throws IOException {
        return switch (name) {
            case "pendigits" -> pendigits(dir);
            case "segment" -> segment(dir);
            case "soybean" -> soybean(dir);
            case "digits" -> digits(dir);
            case "fashion-mnist" -> fashionMnist();
            default -> throw new IllegalArgumentException("unknown set '" + name + "'; the sets are " + NAMES);
        };
    }

    /** Pendigits with the TabularNCD protocol: train on the training file, score on the test file. */
    static DataSet pendigits(Path dir) throws IOException {
        Path trainFile = require(dir, "pendigits/train.csv");
        Path testFile = require(dir, "pendigits/test.csv");
        DiscoveryData trainAll = readLabelledCsv(trainFile, "classes");
        DiscoveryData testAll = readLabelledCsv(testFile, "classes");
        int[] known = indicesOf(trainAll.groundTruthNames(), PENDIGITS_KNOWN, trainFile);
        DiscoveryData train = NovelClassSplit.split(trainAll, known, 1.0, 0L);
        if (!testAll.groundTruthNames().equals(trainAll.groundTruthNames())) {
            throw new IllegalArgumentException(testFile + ": classes " + testAll.groundTruthNames()
                    + " differ from the training file's " + trainAll.groundTruthNames());
        }
        DiscoveryData test = NovelClassSplit.split(testAll, known, 1.0, 0L);
        return new DataSet(
                "pendigits",
                trainFile + " (test: " + testFile.getFileName() + ")",
                train,
                test,
                "novel-class rows of test.csv",
                train.knownClassNames(),
                novel(train));
    }

    /** Weka's Segment: known sky, path, grass; transductive. */
    static DataSet segment(Path dir) throws IOException {
        Path file = require(dir, "weka/segment-challenge.arff");
        return arff("segment", file, SEGMENT_KNOWN);
    }

    /** Weka's Soybean: the first 10 declared classes known, the last 9 novel; transductive. */
    static DataSet soybean(Path dir) throws IOException {
        Path file = require(dir, "weka/soybean.arff");
        Instances data = loadArff(file);
        Attribute cls = classAttribute(data, file);
        if (cls.numValues() <= SOYBEAN_KNOWN) {
            throw new IllegalArgumentException(file + ": the class attribute has " + cls.numValues()
                    + " values; the protocol needs more than " + SOYBEAN_KNOWN);
        }
        List<String> known = new ArrayList<>();
        for (int v = 0; v < SOYBEAN_KNOWN; v++) {
            known.add(cls.value(v));
        }
        return arff("soybean", file, data, known);
    }

    /** scikit-learn's Digits: 64 pixel columns then the digit, no header; known 0-4; transductive. */
    static DataSet digits(Path dir) throws IOException {
        Path file = require(dir, "digits/digits.csv.gz");
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            header.append("pixel").append(j).append(',');
        }
        header.append("digit\n");
        DiscoveryData all;
        try (InputStream in = new SequenceInputStream(
                        new ByteArrayInputStream(header.toString().getBytes(StandardCharsets.UTF_8)),
                        new GZIPInputStream(Files.newInputStream(file)));
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            all = withTruth(CsvReader.read(
                    reader,
                    file.toString(),
                    CsvReader.options().labelColumn("digit").build()));
        }
        int[] known = indicesOf(all.groundTruthNames(), List.of("0", "1", "2", "3", "4"), file);
        DiscoveryData train = NovelClassSplit.split(all, known, 1.0, 0L);
        return new DataSet(
                "digits",
                file.toString(),
                train,
                train,
                "novel-class rows (unlabeled)",
                train.knownClassNames(),
                novel(train));
    }

    /** The main job: the embedded Fashion-MNIST test split, known 0-4; transductive. */
    static DataSet fashionMnist() {
        DiscoveryData d = FashionMnist.embeddedTest();
        return new DataSet(
                "fashion-mnist",
                "embedded Fashion-MNIST test split (FashionMnist.embeddedTest())",
                d,
                d,
                "novel-class rows (unlabeled)",
                d.knownClassNames(),
                novel(d));
    }

    private static DataSet arff(String name, Path file, List<String> known) throws IOException {
        return arff(name, file, loadArff(file), known);
    }

    /**
     * ARFF rows through {@link InstancesEncoding}: an attribute holding the known labels is added (the class of
     * the known-class instances, missing for the others); the class attribute is the ground truth.
     */
    private static DataSet arff(String name, Path file, Instances data, List<String> known) {
        Attribute cls = classAttribute(data, file);
        for (String k : known) {
            if (cls.indexOfValue(k) < 0) {
                throw new IllegalArgumentException(file + ": the class attribute has no value '" + k + "'");
            }
        }
        if (data.attribute(KNOWN_ATTRIBUTE) != null) {
            throw new IllegalArgumentException(file + ": already has an attribute named " + KNOWN_ATTRIBUTE);
        }
        data.insertAttributeAt(new Attribute(KNOWN_ATTRIBUTE, new ArrayList<>(known)), data.numAttributes());
        Attribute knownAttr = data.attribute(KNOWN_ATTRIBUTE);
        cls = data.attribute("class");
        for (Instance inst : data) {
            if (inst.isMissing(cls)) {
                throw new IllegalArgumentException(file + ": an instance has no class; the suite needs every class");
            }
            String c = inst.stringValue(cls);
            if (known.contains(c)) {
                inst.setValue(knownAttr, c);
            } else {
                inst.setMissing(knownAttr);
            }
        }
        DiscoveryData d = InstancesEncoding.fit(data, KNOWN_ATTRIBUTE, "class").toDiscoveryData(data);
        return new DataSet(name, file.toString(), d, d, "novel-class rows (unlabeled)", d.knownClassNames(), novel(d));
    }

    private static Attribute classAttribute(Instances data, Path file) {
        Attribute cls = data.attribute("class");
        if (cls == null || !cls.isNominal()) {
            throw new IllegalArgumentException(file + ": no nominal attribute 'class'");
        }
        return cls;
    }

    /** Reads an ARFF file with Weka's {@link ArffLoader}. */
    static Instances loadArff(Path file) throws IOException {
        try {
            ArffLoader loader = new ArffLoader();
            loader.setFile(file.toFile());
            return loader.getDataSet();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable ARFF file: " + e.getMessage(), e);
        }
    }

    /** A CSV file whose {@code column} labels every row, with that column also as the ground truth. */
    private static DiscoveryData readLabelledCsv(Path file, String column) throws IOException {
        return withTruth(
                CsvReader.read(file, CsvReader.options().labelColumn(column).build()));
    }

    /** Fully labelled data with its labels copied to the ground truth (what {@link NovelClassSplit} splits). */
    private static DiscoveryData withTruth(DiscoveryData d) {
        if (d.unlabeledRows().length > 0) {
            throw new IllegalArgumentException(
                    "a row has no class (" + d.unlabeledRows().length + " blank labels); the suite needs every class");
        }
        return DiscoveryData.builder(d.sampleShape())
                .features(d.features())
                .featureNames(d.featureNames())
                .knownLabels(d.knownLabels(), d.knownClassNames())
                .groundTruth(d.knownLabels(), d.knownClassNames())
                .build();
    }

    private static int[] indicesOf(List<String> names, List<String> wanted, Path file) {
        int[] out = new int[wanted.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = names.indexOf(wanted.get(i));
            if (out[i] < 0) {
                throw new IllegalArgumentException(
                        file + ": no class '" + wanted.get(i) + "' (its classes are " + names + ")");
            }
        }
        return out;
    }

    /** The ground-truth classes that are not known classes, in ground-truth order. */
    private static List<String> novel(DiscoveryData d) {
        List<String> out = new ArrayList<>(d.groundTruthNames());
        out.removeAll(d.knownClassNames());
        return out;
    }

    /** {@code dir/relative}, or a {@link NoSuchFileException} naming it. */
    static Path require(Path dir, String relative) throws NoSuchFileException {
        Path p = dir.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(
                    p.toString(),
                    null,
                    "benchmark file not found (the suite reads " + relative + " under the benchmark directory, "
                            + "given with --data; nothing is downloaded)");
        }
        return p;
    }
}
