// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.MLP_HIDDEN_SIZES;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.SEED;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.io.ModelFile;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;

/**
 * {@link NclModel#save} and {@link NclModel#load}: a loaded model predicts exactly like the saved one
 * and carries the same options, provenance, names and preprocessing, from a file or a stream; saving
 * over a file replaces it without leaving temporary files; files (and streams) that are not loadable
 * models fail with an {@link IOException} naming the file (the source); and the committed golden
 * models of format version 1 ({@code golden/tabular-v1*.ncl}) still load and predict their recorded
 * answers, so every later version of the library keeps reading version 1 files.
 */
class NclModelPersistenceTest {

    private static final Gson GSON = new Gson();
    /** SHA-256 of {@code SyntheticBlobs.data(7)}, the golden model's training data. */
    private static final String GOLDEN_DATA_SHA256 = "0aae8c7820813f1a4974f35f668a2a67eaa1f6368f57dba4f4ad218faae7befa";

    private static DiscoveryData data;
    private static NclModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        data = SyntheticBlobs.data(5);
        model = new NclTrainer(SyntheticBlobs.options().set(SEED, 9L).build()).train(data);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private static void assertSamePredictions(NclModel expected, NclModel actual, float[] rows) {
        List<NclPrediction> a = expected.predict(rows);
        List<NclPrediction> b = actual.predict(rows);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            NclPrediction p = a.get(i);
            NclPrediction q = b.get(i);
            assertArrayEquals(p.probabilities(), q.probabilities(), "row " + i);
            assertArrayEquals(p.novelProbabilities(), q.novelProbabilities(), "row " + i);
            assertEquals(p.index(), q.index());
            assertEquals(p.label(), q.label());
            assertEquals(p.knownClass(), q.knownClass());
            assertEquals(p.novelCluster(), q.novelCluster());
        }
        assertArrayEquals(expected.embed(rows), actual.embed(rows));
    }

    @Test
    void saveThenLoadGivesTheSameModel() throws IOException {
        Path file = dir.resolve("model.ncl");
        model.save(file);
        try (NclModel loaded = NclModel.load(file)) {
            assertSamePredictions(model, loaded, data.features());
            // rows it has never seen, far off the training blobs
            float[] other = new float[3 * SyntheticBlobs.DIMS];
            for (int i = 0; i < other.length; i++) {
                other[i] = (i % 5 - 2) * 17.5f;
            }
            assertSamePredictions(model, loaded, other);
            assertEquals(model.provenance(), loaded.provenance());
            assertEquals(model.options(), loaded.options());
            assertEquals(model.options().toMap(), loaded.options().toMap());
            assertEquals(model.knownClassNames(), loaded.knownClassNames());
            assertEquals(model.featureNames(), loaded.featureNames());
            assertEquals(model.outputNames(), loaded.outputNames());
            assertEquals(model.encoderType(), loaded.encoderType());
            assertArrayEquals(model.sampleShape(), loaded.sampleShape());
            assertArrayEquals(model.standardizer().mean(), loaded.standardizer().mean());
            assertArrayEquals(model.standardizer().std(), loaded.standardizer().std());
            assertEquals(model.numNovelClasses(), loaded.numNovelClasses());
            assertEquals(data.sha256(), loaded.provenance().data().sha256());

            // saving the loaded model writes the same manifest again
            Path again = dir.resolve("again.ncl");
            loaded.save(again);
            ModelFile.Contents first = ModelFile.read(file);
            ModelFile.Contents second = ModelFile.read(again);
            // compared as JSON trees: the key order of the provenance maps is not stable (see TabularDiscoveryTest)
            assertEquals(
                    GSON.fromJson(first.manifestJson(), JsonObject.class),
                    GSON.fromJson(second.manifestJson(), JsonObject.class));
            // (the parameter bytes differ: DJL records the batch size of the initialisation shape)
            try (NclModel twice = NclModel.load(again)) {
                assertSamePredictions(model, twice, data.features());
                assertEquals(model.provenance(), twice.provenance());
            }
        }
    }

    @Test
    void savingOverAnExistingFileReplacesItAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.ncl");
        try (NclModel other = NclModel.load(golden())) {
            other.save(file);
        }
        model.save(file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        try (NclModel loaded = NclModel.load(file)) {
            assertSamePredictions(model, loaded, data.features());
            assertEquals(model.provenance(), loaded.provenance());
        }
    }

    /**
     * {@link NclModel#save(java.io.OutputStream)} and {@link NclModel#load(InputStream, String)}: the stream
     * round trip predicts like the path round trip, writes the same parts, and leaves the caller's streams open.
     */
    @Test
    void streamRoundTripPredictsLikeThePathRoundTrip() throws IOException {
        Path file = dir.resolve("model.ncl");
        model.save(file);
        boolean[] closed = {false, false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        model.save(bytes);
        ModelFile.Contents fromFile = ModelFile.read(file);
        ModelFile.Contents fromStream = ModelFile.read(new ByteArrayInputStream(bytes.toByteArray()), "bytes");
        assertEquals(
                GSON.fromJson(fromFile.manifestJson(), JsonObject.class),
                GSON.fromJson(fromStream.manifestJson(), JsonObject.class));
        assertArrayEquals(fromFile.parameters(), fromStream.parameters());

        InputStream in = new ByteArrayInputStream(bytes.toByteArray()) {
            @Override
            public void close() {
                closed[1] = true;
            }
        };
        try (NclModel viaPath = NclModel.load(file);
                NclModel viaStream = NclModel.load(in, "in-memory model")) {
            assertSamePredictions(viaPath, viaStream, data.features());
            assertSamePredictions(model, viaStream, data.features());
            assertEquals(viaPath.provenance(), viaStream.provenance());
            assertEquals(viaPath.options(), viaStream.options());
            assertEquals(viaPath.novelLogitOffset(), viaStream.novelLogitOffset());
        }
        assertFalse(closed[0], "save(OutputStream) must not close the caller's stream");
        assertFalse(closed[1], "load(InputStream, String) must not close the caller's stream");

        // a file written by the path API loads from a stream of its bytes, and the golden file too
        try (NclModel fileBytes = NclModel.load(new ByteArrayInputStream(Files.readAllBytes(file)));
                NclModel goldenFile = NclModel.load(golden());
                NclModel goldenBytes = NclModel.load(new ByteArrayInputStream(Files.readAllBytes(golden())))) {
            assertSamePredictions(model, fileBytes, data.features());
            assertSamePredictions(goldenFile, goldenBytes, data.features());
        }
    }

    /** A stream cut short is an IOException naming the source given, or "model stream" without one. */
    @Test
    void truncatedStreamIsAnIOExceptionNamingTheSource() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        byte[] bytes = out.toByteArray();
        for (int length : new int[] {0, 20, bytes.length / 3, bytes.length / 2, bytes.length - 300}) {
            byte[] cut = Arrays.copyOf(bytes, length);
            IOException named = assertThrows(
                    IOException.class,
                    () -> NclModel.load(new ByteArrayInputStream(cut), "upload #7")
                            .close(),
                    "cut at " + length);
            assertTrue(named.getMessage().contains("upload #7"), "cut at " + length + ": " + named);
            IOException unnamed = assertThrows(
                    IOException.class,
                    () -> NclModel.load(new ByteArrayInputStream(cut)).close(),
                    "cut at " + length);
            assertTrue(unnamed.getMessage().contains("model stream"), "cut at " + length + ": " + unnamed);
        }
    }

    // ---- files that are not loadable models -------------------------------------------------

    private static void assertNamesFile(IOException e, Path file) {
        assertTrue(
                e.getMessage() != null && e.getMessage().contains(file.toString()),
                "the message should name " + file + ": " + e);
    }

    /** A copy of the saved model with its manifest changed by {@code edit}. */
    private Path withManifest(String name, java.util.function.Consumer<JsonObject> edit) throws IOException {
        Path good = dir.resolve("good-" + name + ".ncl");
        model.save(good);
        ModelFile.Contents c = ModelFile.read(good);
        JsonObject m = GSON.fromJson(c.manifestJson(), JsonObject.class);
        edit.accept(m);
        Path bad = dir.resolve(name + ".ncl");
        ModelFile.write(bad, GSON.toJson(m), c.parameters());
        return bad;
    }

    @Test
    void missingFileIsAnIOExceptionNamingIt() {
        Path missing = dir.resolve("missing.ncl");
        assertNamesFile(assertThrows(IOException.class, () -> NclModel.load(missing)), missing);
    }

    @Test
    void nonZipFileIsAnIOExceptionNamingIt() throws IOException {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "x0,x1,label\n1,2,a\n");
        assertNamesFile(assertThrows(IOException.class, () -> NclModel.load(csv)), csv);
    }

    /** Fails while {@link ModelFile#read} lets the EOFException of a cut deflate stream through without the file name. */
    @Test
    void truncatedFileIsAnIOExceptionNamingIt() throws IOException {
        Path good = dir.resolve("good.ncl");
        model.save(good);
        byte[] bytes = Files.readAllBytes(good);
        for (int length : new int[] {0, 20, bytes.length / 3, bytes.length / 2, bytes.length - 300}) {
            Path cut = dir.resolve("cut-" + length + ".ncl");
            Files.write(cut, Arrays.copyOf(bytes, length));
            assertNamesFile(assertThrows(IOException.class, () -> NclModel.load(cut), "cut at " + length), cut);
        }
    }

    @Test
    void otherFormatIsAnIOExceptionNamingIt() throws IOException {
        Path other = withManifest("other-format", m -> m.addProperty("format", "onnx"));
        IOException e = assertThrows(IOException.class, () -> NclModel.load(other));
        assertNamesFile(e, other);
        assertTrue(e.getMessage().contains("not an NCL model file"), e.getMessage());

        Path none = withManifest("no-format", m -> m.remove("format"));
        assertNamesFile(assertThrows(IOException.class, () -> NclModel.load(none)), none);

        Path notJson = dir.resolve("not-json.ncl");
        ModelFile.write(notJson, "this is { not json", new byte[] {1, 2, 3});
        assertNamesFile(assertThrows(IOException.class, () -> NclModel.load(notJson)), notJson);
    }

    @Test
    void futureFormatVersionIsAnIOExceptionNamingFileAndVersion() throws IOException {
        Path future = withManifest("future", m -> m.addProperty("formatVersion", ModelFile.VERSION + 1));
        IOException e = assertThrows(IOException.class, () -> NclModel.load(future));
        assertNamesFile(e, future);
        assertTrue(e.getMessage().contains("version " + (ModelFile.VERSION + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("upgrade"), e.getMessage());

        Path zero = withManifest("zero", m -> m.addProperty("formatVersion", 0));
        assertNamesFile(assertThrows(IOException.class, () -> NclModel.load(zero)), zero);
    }

    /**
     * A manifest that says "ncl-model" but lacks a required field is a damaged file, not a programming
     * error: an IOException naming the file (not a NullPointerException).
     */
    @Test
    void manifestWithoutARequiredFieldIsAnIOExceptionNamingIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String field : List.of(
                "formatVersion",
                "options",
                "sampleShape",
                "encoder",
                "knownClassNames",
                "featureNames",
                "standardizer",
                "provenance")) {
            Path bad = withManifest("without-" + field, m -> m.remove(field));
            try {
                NclModel.load(bad).close();
                wrong.add(field + ": loaded without error");
            } catch (IOException e) {
                if (!e.getMessage().contains(bad.toString())) {
                    wrong.add(field + ": message does not name the file: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                wrong.add(field + ": " + e);
            }
        }
        assertTrue(
                wrong.isEmpty(),
                "a manifest without a required field must be an IOException naming the file:\n"
                        + String.join("\n", wrong));
    }

    /**
     * Fails while {@link NclModel#load} does not compare the loaded parameter shapes with the recorded
     * architecture: DJL's {@code loadParameters} replaces the arrays without a shape check, so a 12-32-16
     * network's parameters load into a file that says 12-64-16 and the model then predicts with them.
     */
    @Test
    void parametersOfAnotherArchitectureAreAnIOExceptionNamingTheFile() throws IOException {
        Path good = dir.resolve("good.ncl");
        model.save(good);
        byte[] foreign;
        try (NclModel wide = new NclTrainer(SyntheticBlobs.options()
                        .set(MLP_HIDDEN_SIZES, List.of(32))
                        .set(PRETRAIN_EPOCHS, 0)
                        .set(SUPERVISED_EPOCHS, 0)
                        .set(DISCOVERY_EPOCHS, 1)
                        .build())
                .train(data)) {
            Path widePath = dir.resolve("wide.ncl");
            wide.save(widePath);
            foreign = ModelFile.read(widePath).parameters();
        }
        Path mixed = dir.resolve("mixed.ncl");
        ModelFile.write(mixed, ModelFile.read(good).manifestJson(), foreign);
        IOException e =
                assertThrows(IOException.class, () -> NclModel.load(mixed).close());
        assertNamesFile(e, mixed);
    }

    @Test
    void garbageParametersAreAnIOExceptionNamingTheFile() throws IOException {
        Path good = dir.resolve("good.ncl");
        model.save(good);
        Path garbage = dir.resolve("garbage.ncl");
        byte[] noise = new byte[2000];
        new java.util.Random(1).nextBytes(noise);
        ModelFile.write(garbage, ModelFile.read(good).manifestJson(), noise);
        Exception g = assertThrows(Exception.class, () -> NclModel.load(garbage).close());
        assertTrue(g instanceof IOException, "garbage parameters: expected an IOException, got " + g);
        assertNamesFile((IOException) g, garbage);
    }

    // ---- the golden file -------------------------------------------------------------------

    private static Path golden() throws IOException {
        return resource(GoldenModelWriter.MODEL);
    }

    private static Path resource(String name) throws IOException {
        URL url = NclModelPersistenceTest.class.getResource("golden/" + name);
        if (url == null) {
            throw new IOException("test resource golden/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** One line of an expected-predictions CSV. */
    private record Expected(float[] input, int index, int knownClass, int novelCluster, float[] probabilities) {}

    private static List<Expected> expected(String name) throws IOException {
        List<Expected> rows = new ArrayList<>();
        try (InputStream in = NclModelPersistenceTest.class.getResourceAsStream("golden/" + name)) {
            if (in == null) {
                throw new IOException("test resource golden/" + name + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = r.readLine().split(",");
            int d = SyntheticBlobs.DIMS;
            assertEquals("index", header[1 + d]);
            int outputs = header.length - (4 + d);
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                assertEquals(header.length, cells.length, line);
                float[] input = new float[d];
                for (int j = 0; j < d; j++) {
                    input[j] = Float.parseFloat(cells[1 + j]);
                }
                float[] p = new float[outputs];
                for (int j = 0; j < outputs; j++) {
                    p[j] = Float.parseFloat(cells[4 + d + j]);
                }
                rows.add(new Expected(
                        input,
                        Integer.parseInt(cells[1 + d]),
                        Integer.parseInt(cells[2 + d]),
                        Integer.parseInt(cells[3 + d]),
                        p));
            }
        }
        return rows;
    }

    /**
     * The golden files: {@value GoldenModelWriter#MODEL} (written by {@link GoldenModelWriter}) and
     * {@code tabular-v1-without-entropyWeight.ncl}, a format-1 file written before the option
     * {@code entropyWeight} existed. Both must load and reproduce their recorded predictions within 1e-5.
     * The second fails while {@link NclOptions#fromMap} requires every current option: a file written
     * before an option was added cannot be loaded ("option 'entropyWeight' is missing").
     */
    @ParameterizedTest
    @ValueSource(strings = {"tabular-v1", "tabular-v1-without-entropyWeight"})
    void goldenModelOfFormatVersion1StillLoadsAndPredictsItsRecordedAnswers(String name) throws IOException {
        List<Expected> expected = expected(name + "-expected.csv");
        assertEquals(13, expected.size());
        try (NclModel golden = NclModel.load(resource(name + ".ncl"))) {
            assertEquals(List.of("class0", "class1", "class2", "class3"), golden.knownClassNames());
            assertEquals(3, golden.numNovelClasses());
            assertArrayEquals(new int[] {SyntheticBlobs.DIMS}, golden.sampleShape());
            assertEquals(EncoderType.MLP, golden.encoderType());
            assertEquals(GOLDEN_DATA_SHA256, golden.provenance().data().sha256());
            assertEquals(1L, golden.options().get(SEED));
            assertEquals(7, golden.provenance().history().size());
            float[] rows = new float[expected.size() * SyntheticBlobs.DIMS];
            for (int i = 0; i < expected.size(); i++) {
                System.arraycopy(expected.get(i).input(), 0, rows, i * SyntheticBlobs.DIMS, SyntheticBlobs.DIMS);
            }
            List<NclPrediction> p = golden.predict(rows);
            for (int i = 0; i < expected.size(); i++) {
                Expected e = expected.get(i);
                NclPrediction q = p.get(i);
                assertArrayEquals(e.probabilities(), q.probabilities(), 1e-5f, name + " row " + i);
                assertEquals(e.index(), q.index(), name + " row " + i);
                assertEquals(e.knownClass(), q.knownClass(), name + " row " + i);
                assertEquals(e.novelCluster(), q.novelCluster(), name + " row " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tabular-v1.ncl", "tabular-v1-without-entropyWeight.ncl"})
    void goldenManifestIsFormatVersion1(String name) throws IOException {
        JsonObject m = GSON.fromJson(ModelFile.read(resource(name)).manifestJson(), JsonObject.class);
        assertEquals(ModelFile.FORMAT, m.get("format").getAsString());
        assertEquals(1, m.get("formatVersion").getAsInt());
    }
}
