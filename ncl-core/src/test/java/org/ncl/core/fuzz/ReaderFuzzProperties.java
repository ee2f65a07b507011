// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ncl.core.NclModel;
import org.ncl.core.data.CsvReader;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.IdxImages;
import org.ncl.core.data.IdxReader;

/**
 * Property-based robustness of every reader of outside data: random bytes, random CSV-like text and random
 * mutations of a real model file give either a valid result or a clear error that names its source (an
 * {@link IOException} or {@link IllegalArgumentException}, the types the readers document), never another
 * exception type (no NullPointerException, ArrayIndexOutOfBoundsException, NumberFormatException,
 * OutOfMemoryError ...), and each call finishes within {@link #MAX_MILLIS}. Inputs are small and tries are
 * modest (200 per property), so the whole class runs in seconds.
 */
class ReaderFuzzProperties {

    /** Generous for inputs of at most a few kilobytes; a read of them takes milliseconds. */
    static final long MAX_MILLIS = 5_000;

    private static final String GOLDEN = "/org/ncl/core/golden/tabular-v1.ncl";

    private static Path dir;
    private static byte[] goodModel;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("ncl-fuzz");
        try (InputStream in = ReaderFuzzProperties.class.getResourceAsStream(GOLDEN)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + GOLDEN);
            }
            goodModel = in.readAllBytes();
        }
    }

    @AfterContainer
    static void tearDown() throws IOException {
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** One call of a reader. */
    interface Call<T> {
        T call() throws Exception;
    }

    /**
     * Runs {@code call}: returns its result, or null if it failed with an IOException or
     * IllegalArgumentException whose message names {@code source}; anything else fails the property.
     */
    static <T> T outcome(String source, Call<T> call) {
        long start = System.nanoTime();
        try {
            return call.call();
        } catch (IOException | IllegalArgumentException e) {
            String message = e.getMessage();
            if (message == null || !message.contains(source)) {
                throw new AssertionError(
                        "the error should name the source '" + source + "': "
                                + e.getClass().getName() + ": " + message,
                        e);
            }
            return null;
        } catch (Throwable e) {
            throw new AssertionError("expected a result, an IOException or an IllegalArgumentException, got " + e, e);
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > MAX_MILLIS) {
                throw new AssertionError("took " + millis + " ms, more than " + MAX_MILLIS);
            }
        }
    }

    private static Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "fuzz", ".bin");
        Files.write(file, bytes);
        return file;
    }

    // ---- CSV ----------------------------------------------------------------------------------------

    private static final CsvReader.Options LABEL =
            CsvReader.options().labelColumn("label").build();
    private static final CsvReader.Options LABEL_TRUTH =
            CsvReader.options().labelColumn("label").groundTruthColumn("truth").build();

    @Property(tries = 200)
    void csvFromRandomBytes(@ForAll @Size(max = 400) byte[] bytes) throws IOException {
        Path file = write(bytes);
        try {
            outcome(file.toString(), () -> CsvReader.read(file, LABEL));
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 200)
    void csvFromRandomText(@ForAll("csvText") String text, @ForAll boolean withTruth) {
        CsvReader.Options options = withTruth ? LABEL_TRUTH : LABEL;
        DiscoveryData data = outcome("fuzz.csv", () -> CsvReader.read(new StringReader(text), "fuzz.csv", options));
        if (data != null && data.numRows() <= 0) {
            throw new AssertionError("a data set with no rows: " + data);
        }
    }

    @Property(tries = 200)
    void csvFromCsvLikeRows(@ForAll("csvLike") String text) {
        outcome("rows.csv", () -> CsvReader.read(new StringReader(text), "rows.csv", LABEL_TRUTH));
    }

    /** Short text over the characters that matter to CSV and to numbers, plus a few odd ones. */
    @Provide
    Arbitrary<String> csvText() {
        return Arbitraries.strings()
                .withChars(",;\"\n\r \t0123456789.eE+-labeltruthxNa\uFEFF\u0000\u00e9")
                .ofMaxLength(300);
    }

    /** A header with the label and truth columns, then rows of random cells (numbers, words, blanks, quotes). */
    @Provide
    Arbitrary<String> csvLike() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().withChars("0123456789.eE+-").ofMaxLength(12),
                Arbitraries.of("", " ", "NaN", "Infinity", "1e999", "-0", "a", "\"q\"", "\"un", "x\"y", "1,5"));
        Arbitrary<String> row = cell.list().ofMinSize(0).ofMaxSize(6).map(cells -> String.join(",", cells));
        Arbitrary<String> header = Arbitraries.of(
                "label,truth,x,y", "x,label,truth", "label,truth", "label,label,truth,x", "truth,label,x,,y");
        return Combinators.combine(header, row.list().ofMaxSize(12), Arbitraries.of("\n", "\r\n", "\r"))
                .as((h, rows, eol) -> h + eol + String.join(eol, rows));
    }

    // ---- IDX ----------------------------------------------------------------------------------------

    @Property(tries = 200)
    void idxFromRandomBytes(@ForAll @Size(max = 400) byte[] bytes) throws IOException {
        Path file = write(bytes);
        try {
            outcome(file.toString(), () -> IdxReader.readImages(file));
            outcome(file.toString(), () -> IdxReader.readLabels(file));
        } finally {
            Files.delete(file);
        }
    }

    /** A right magic number, random (often huge or negative) dimensions and a short random body. */
    @Property(tries = 200)
    void idxWithRandomHeaders(@ForAll("idxFile") Tuple.Tuple2<Boolean, byte[]> file) {
        boolean images = file.get1();
        byte[] bytes = file.get2();
        if (images) {
            IdxImages result = outcome("idx", () -> IdxReader.readImages(new ByteArrayInputStream(bytes), "idx"));
            if (result != null && (long) result.count() * result.rows() * result.cols() != bytes.length - 16) {
                throw new AssertionError("read " + result + " from " + bytes.length + " bytes");
            }
        } else {
            int[] result = outcome("idx", () -> IdxReader.readLabels(new ByteArrayInputStream(bytes), "idx"));
            if (result != null && result.length != bytes.length - 8) {
                throw new AssertionError("read " + result.length + " labels from " + bytes.length + " bytes");
            }
        }
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Boolean, byte[]>> idxFile() {
        Arbitrary<Integer> dim = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 6),
                Arbitraries.integers(),
                Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 1 << 16, 1 << 30));
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Combinators.combine(Arbitraries.of(true, false), dim.list().ofSize(3), body)
                .as((images, dims, data) -> {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + data.length);
                    b.putInt(images ? IdxReader.IMAGES_MAGIC : IdxReader.LABELS_MAGIC);
                    b.putInt(dims.get(0));
                    if (images) {
                        b.putInt(dims.get(1));
                        b.putInt(dims.get(2));
                    }
                    b.put(data);
                    byte[] out = new byte[b.position()];
                    b.flip().get(out);
                    return Tuple.of(images, out);
                });
    }

    // ---- model files --------------------------------------------------------------------------------

    @Property(tries = 200)
    void modelFromRandomBytes(@ForAll @Size(max = 600) byte[] bytes) {
        NclModel m = outcome("random model", () -> NclModel.load(new ByteArrayInputStream(bytes), "random model"));
        if (m != null) {
            m.close();
        }
    }

    /** The golden model file with a few bytes overwritten, a range removed, or cut short. */
    @Property(tries = 200)
    void modelFromMutatedGoodFile(@ForAll("mutations") List<int[]> edits, @ForAll boolean truncate) {
        byte[] bytes = goodModel.clone();
        for (int[] e : edits) {
            bytes[Math.floorMod(e[0], bytes.length)] = (byte) e[1];
        }
        if (truncate && !edits.isEmpty()) {
            bytes = java.util.Arrays.copyOf(bytes, Math.floorMod(edits.get(0)[0] * 31, bytes.length));
        }
        byte[] input = bytes;
        NclModel m = outcome("mutated model", () -> NclModel.load(new ByteArrayInputStream(input), "mutated model"));
        if (m != null) {
            m.close();
        }
    }

    /** Positions (any int, reduced modulo the file length) and the byte to put there. */
    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> edit = Combinators.combine(
                        Arbitraries.integers(), Arbitraries.integers().between(0, 255))
                .as((pos, value) -> new int[] {pos, value});
        return edit.list().ofMinSize(1).ofMaxSize(8);
    }
}
