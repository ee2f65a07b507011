// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.MLP_HIDDEN_SIZES;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.SEED;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.io.ModelFile;

/**
 * A corpus of hostile or damaged model files, built from a good model: every one must be refused by
 * {@link NclModel#load(Path)} and {@link NclModel#load(java.io.InputStream, String)} with an
 * {@link IOException} whose message names the source and what is wrong, quickly and without allocating
 * what the file merely declares (a zip bomb, a huge declared array shape, a huge architecture).
 */
class HostileModelFileTest {

    private static final Gson GSON =
            new GsonBuilder().serializeSpecialFloatingPointValues().create();
    /** Generous: a refusal is a parse and a comparison, a good load of this model takes well under a second. */
    private static final long MAX_MILLIS = 15_000;

    private static NclModel model;
    private static byte[] good;
    private static String goodManifest;
    private static byte[] goodParams;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        model = new NclTrainer(SyntheticBlobs.options()
                        .set(SEED, 3L)
                        .set(MLP_HIDDEN_SIZES, List.of(16))
                        .set(PRETRAIN_EPOCHS, 0)
                        .set(SUPERVISED_EPOCHS, 0)
                        .set(DISCOVERY_EPOCHS, 1)
                        .build())
                .train(SyntheticBlobs.data(5));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        good = out.toByteArray();
        ModelFile.Contents c = ModelFile.read(new ByteArrayInputStream(good), "good");
        goodManifest = c.manifestJson();
        goodParams = c.parameters();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    /**
     * Loads {@code bytes} from a file and from a stream; both must fail with an IOException naming the source
     * and containing every one of {@code expected}, within {@link #MAX_MILLIS}.
     */
    private void assertRefused(String name, byte[] bytes, String... expected) throws IOException {
        Path file = dir.resolve(name + ".ncl");
        Files.write(file, bytes);
        check(name + " (file)", file.toString(), () -> NclModel.load(file), expected);
        String source = "upload '" + name + "'";
        check(name + " (stream)", source, () -> NclModel.load(new ByteArrayInputStream(bytes), source), expected);
    }

    private interface Load {
        NclModel load() throws IOException;
    }

    private static void check(String what, String source, Load load, String... expected) {
        long start = System.nanoTime();
        try (NclModel m = load.load()) {
            fail(what + ": loaded without error: " + m);
        } catch (IOException e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < MAX_MILLIS, what + ": took " + millis + " ms");
            String message = e.getMessage();
            assertNotNull(message, what + ": " + e);
            assertTrue(message.contains(source), what + ": the message should name " + source + ": " + message);
            for (String s : expected) {
                assertTrue(message.contains(s), what + ": the message should say '" + s + "': " + message);
            }
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": expected an IOException, got " + e, e);
        }
    }

    private static byte[] zip(String manifest, byte[] params) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(out, manifest, params);
        return out.toByteArray();
    }

    private static byte[] withManifest(Consumer<JsonObject> edit) throws IOException {
        JsonObject m = GSON.fromJson(goodManifest, JsonObject.class);
        edit.accept(m);
        return zip(GSON.toJson(m), goodParams);
    }

    @Test
    void theGoodModelLoads() throws IOException {
        try (NclModel m = NclModel.load(new ByteArrayInputStream(good), "good")) {
            assertEquals(model.knownClassNames(), m.knownClassNames());
        }
    }

    @Test
    void emptyTruncatedAndRandomBytes() throws IOException {
        assertRefused("zero-bytes", new byte[0]);
        for (int length : new int[] {1, 30, good.length / 4, good.length / 2, good.length - 300}) {
            assertRefused("cut-" + length, Arrays.copyOf(good, length));
        }
        byte[] noise = new byte[20_000];
        new SplittableRandom(11).nextBytes(noise);
        assertRefused("random", noise);
        // random bytes behind a real zip header
        byte[] headed = noise.clone();
        System.arraycopy(good, 0, headed, 0, 40);
        assertRefused("random-after-header", headed);
    }

    /** 64 MiB of zeros in network.params (a few tens of KB on disk): refused at the bound, not inflated. */
    @Test
    void zipBombInTheParameters() throws IOException {
        byte[] bomb = zip(goodManifest, new byte[64 << 20]);
        assertTrue(bomb.length < 1 << 20, "the bomb is small on disk: " + bomb.length);
        assertRefused("bomb-params", bomb, "network.params", "bound");
    }

    @Test
    void zipBombInTheManifest() throws IOException {
        String padded =
                goodManifest.substring(0, goodManifest.length() - 1) + ", \"pad\": \"" + " ".repeat(32 << 20) + "\"}";
        assertRefused("bomb-manifest", zip(padded, goodParams), "manifest.json", "bound");
    }

    /** An extra entry (which could be a bomb of its own) is not skipped over by inflating it. */
    @Test
    void unexpectedEntry() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            z.write(goodManifest.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("padding\u001b[2J"));
            z.write(new byte[16 << 20]);
            z.putNextEntry(new ZipEntry("network.params"));
            z.write(goodParams);
        }
        assertRefused("extra-entry", out.toByteArray(), "padding\\u001b[2J");
    }

    /**
     * The first Linear weight, shape (16, 12), declared as (2^40, 12) or (2^25, 12): DJL would allocate what
     * the shape says (or overflow computing it) before finding the data missing.
     */
    @Test
    void hugeDeclaredArrayShape() throws IOException {
        ByteBuffer pattern = ByteBuffer.allocate(20).putInt(2).putLong(16).putLong(SyntheticBlobs.DIMS);
        int at = indexOf(goodParams, pattern.array());
        assertTrue(at > 0, "the weight's shape is in the parameters");
        for (long rows : new long[] {1L << 40, 1L << 25}) {
            byte[] params = goodParams.clone();
            ByteBuffer.wrap(params, at + 4, 8).putLong(rows);
            assertRefused("huge-shape-" + rows, zip(goodManifest, params), "network.params", "layout");
        }
        // the count of recorded input shapes of the first block
        byte[] params = goodParams.clone();
        ByteBuffer.wrap(params, 2, 4).putInt(Integer.MAX_VALUE);
        assertRefused("huge-count", zip(goodManifest, params), "network.params");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A manifest whose architecture would be huge is refused before the network is built. */
    @Test
    void hugeArchitecture() throws IOException {
        assertRefused(
                "huge-hidden",
                withManifest(m -> m.getAsJsonObject("options").addProperty("mlpHiddenSizes", "1000000000")),
                "bound");
        assertRefused(
                "huge-novel",
                withManifest(m -> m.getAsJsonObject("options").addProperty("numNovelClasses", "2000000000")),
                "bound");
    }

    @Test
    void nonFiniteValues() throws IOException {
        assertRefused(
                "nan-offset", withManifest(m -> m.addProperty("novelLogitOffset", Float.NaN)), "novelLogitOffset");
        assertRefused(
                "inf-offset",
                withManifest(m -> m.addProperty("novelLogitOffset", Double.POSITIVE_INFINITY)),
                "novelLogitOffset");
        assertRefused(
                "nan-mean",
                withManifest(m ->
                        m.getAsJsonObject("standardizer").getAsJsonArray("mean").set(3, new JsonPrimitive(Float.NaN))),
                "standardizer");
        assertRefused(
                "zero-std",
                withManifest(m ->
                        m.getAsJsonObject("standardizer").getAsJsonArray("std").set(0, new JsonPrimitive(0))),
                "standardizer");
        byte[] nanParams = goodParams.clone();
        // the last four bytes are data of the last parameter (the novel head's bias or a running statistic)
        // 0xFFFFFFFF is a NaN in either byte order
        Arrays.fill(nanParams, nanParams.length - 4, nanParams.length, (byte) 0xFF);
        assertRefused("nan-parameter", zip(goodManifest, nanParams), "NaN");
    }

    @Test
    void wrongTypesAndShapes() throws IOException {
        assertRefused("version-abc", withManifest(m -> m.addProperty("formatVersion", "abc")), "formatVersion");
        assertRefused("encoder-object", withManifest(m -> m.add("encoder", new JsonObject())), "encoder");
        assertRefused("encoder-unknown", withManifest(m -> m.addProperty("encoder", "TRANSFORMER")), "encoder");
        assertRefused("format-object", withManifest(m -> m.add("format", new JsonObject())), "format");
        assertRefused("shape-overflow", withManifest(m -> m.add("sampleShape", array(1e12))), "sampleShape");
        assertRefused("shape-zero", withManifest(m -> m.add("sampleShape", array(0))), "sampleShape");
        assertRefused("shape-negative", withManifest(m -> m.add("sampleShape", array(-12))), "sampleShape");
        assertRefused("shape-fraction", withManifest(m -> m.add("sampleShape", array(12.5))), "sampleShape");
        assertRefused(
                "shape-multiply-overflow",
                withManifest(m -> m.add("sampleShape", array(65536, 65536, 65536))),
                "sampleShape");
        assertRefused(
                "feature-names-count",
                withManifest(m -> m.add("featureNames", GSON.toJsonTree(List.of("x0")))),
                "featureNames");
        assertRefused(
                "known-not-strings",
                withManifest(m -> m.add("knownClassNames", GSON.toJsonTree(List.of(1, 2, 3, 4)))),
                "knownClassNames");
        assertRefused("manifest-array", zip("[1, 2, 3]", goodParams), "manifest");
        assertRefused(
                "options-invalid",
                withManifest(m -> m.getAsJsonObject("options").addProperty("numNovelClasses", "0")),
                "options");
        assertRefused(
                "options-not-strings",
                withManifest(m -> m.getAsJsonObject("options").add("seed", new JsonObject())),
                "options");
        assertRefused(
                "provenance-without-data",
                withManifest(m -> m.getAsJsonObject("provenance").remove("data")),
                "provenance");
        assertRefused(
                "provenance-null-history-entry",
                withManifest(m -> m.getAsJsonObject("provenance")
                        .getAsJsonArray("history")
                        .add((String) null)),
                "provenance");
    }

    /** Class and feature names are identifiers that end up in outputs (CSV, ARFF): no control characters. */
    @Test
    void controlCharactersInNames() throws IOException {
        List<String> known = new ArrayList<>(model.knownClassNames());
        known.set(1, "class\u001b[31m1");
        assertRefused(
                "control-known",
                withManifest(m -> m.add("knownClassNames", GSON.toJsonTree(known))),
                "knownClassNames",
                "\\u001b");
        List<String> features = new ArrayList<>(model.featureNames());
        features.set(0, "x\r0");
        assertRefused(
                "control-feature",
                withManifest(m -> m.add("featureNames", GSON.toJsonTree(features))),
                "featureNames",
                "\\r");
    }

    private static JsonArray array(double... values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                a.add((long) v);
            } else {
                a.add(v);
            }
        }
        return a;
    }
}
