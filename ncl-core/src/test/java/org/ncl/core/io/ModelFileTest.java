// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelFile}: byte-exact round trip, atomic replacement of an existing file (no temporary
 * files left behind, an existing good file untouched when a write fails), and an {@link IOException}
 * naming the file for everything that is not a model file: missing, a directory, empty, not a zip,
 * truncated, or a zip without one of the two parts.
 */
class ModelFileTest {

    @TempDir
    Path dir;

    private static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    private List<Path> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    @Test
    void roundTripIsExact() throws IOException {
        Path file = dir.resolve("model.ncl");
        String manifest = "{\"format\": \"ncl-model\", \"name\": \"Übung – 模型 ✓\"}";
        byte[] params = randomBytes(1, 5000);
        ModelFile.write(file, manifest, params);
        ModelFile.Contents c = ModelFile.read(file);
        assertEquals(manifest, c.manifestJson());
        assertArrayEquals(params, c.parameters());
        assertEquals(List.of(file), filesIn(dir));
    }

    /** The stream forms read what the path forms write and the other way round, and name the given source. */
    @Test
    void streamRoundTripIsExactAndReadsWhatThePathFormWrites() throws IOException {
        String manifest = "{\"format\": \"ncl-model\", \"name\": \"Übung – 模型 ✓\"}";
        byte[] params = randomBytes(5, 5000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelFile.write(bytes, manifest, params);
        ModelFile.Contents c = ModelFile.read(new ByteArrayInputStream(bytes.toByteArray()), "memory");
        assertEquals(manifest, c.manifestJson());
        assertArrayEquals(params, c.parameters());

        Path file = dir.resolve("from-stream.ncl");
        Files.write(file, bytes.toByteArray());
        assertArrayEquals(params, ModelFile.read(file).parameters());
        Path written = dir.resolve("written.ncl");
        ModelFile.write(written, manifest, params);
        try (InputStream in = ModelFile.open(written)) {
            assertArrayEquals(params, ModelFile.read(in, written.toString()).parameters());
        }

        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
        IOException e =
                assertThrows(IOException.class, () -> ModelFile.read(new ByteArrayInputStream(cut), "half a model"));
        assertTrue(e.getMessage().contains("half a model"), e.getMessage());
    }

    @Test
    void emptyPartsRoundTrip() throws IOException {
        Path file = dir.resolve("empty.ncl");
        ModelFile.write(file, "", new byte[0]);
        ModelFile.Contents c = ModelFile.read(file);
        assertEquals("", c.manifestJson());
        assertEquals(0, c.parameters().length);
    }

    @Test
    void createsMissingDirectories() throws IOException {
        Path file = dir.resolve("a/b/c/model.ncl");
        ModelFile.write(file, "{}", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, ModelFile.read(file).parameters());
        assertEquals(List.of(file), filesIn(file.getParent()));
    }

    @Test
    void secondWriteReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.ncl");
        ModelFile.write(file, "{\"v\": 1}", randomBytes(1, 3000));
        ModelFile.write(file, "{\"v\": 2}", randomBytes(2, 100));
        ModelFile.Contents c = ModelFile.read(file);
        assertEquals("{\"v\": 2}", c.manifestJson());
        assertArrayEquals(randomBytes(2, 100), c.parameters());
        assertEquals(List.of(file), filesIn(dir), "only the model file may remain");
    }

    @Test
    void failedWriteLeavesTheExistingFileIntactAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.ncl");
        ModelFile.write(file, "{\"v\": 1}", randomBytes(1, 3000));
        byte[] before = Files.readAllBytes(file);
        // fails while the temporary file is being written
        assertThrows(NullPointerException.class, () -> ModelFile.write(file, "{\"v\": 2}", null));
        assertThrows(NullPointerException.class, () -> ModelFile.write(file, null, new byte[10]));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals("{\"v\": 1}", ModelFile.read(file).manifestJson());
        assertEquals(List.of(file), filesIn(dir), "the temporary file must be removed");
    }

    @Test
    void failedMoveOntoADirectoryLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("inside"));
        assertThrows(IOException.class, () -> ModelFile.write(target, "{}", new byte[] {1}));
        assertTrue(Files.isDirectory(target.resolve("inside")));
        assertEquals(List.of(target), filesIn(dir));
    }

    private static void assertNamesFile(IOException e, Path file) {
        assertTrue(
                e.getMessage() != null && e.getMessage().contains(file.toString()),
                "the message should name " + file + ": " + e);
    }

    @Test
    void missingFileOrDirectoryIsAnIOExceptionNamingIt() {
        Path missing = dir.resolve("nope.ncl");
        assertNamesFile(assertThrows(IOException.class, () -> ModelFile.read(missing)), missing);
        assertNamesFile(assertThrows(IOException.class, () -> ModelFile.read(dir)), dir);
    }

    @Test
    void emptyFileIsAnIOExceptionNamingIt() throws IOException {
        Path file = dir.resolve("empty.ncl");
        Files.write(file, new byte[0]);
        assertNamesFile(assertThrows(IOException.class, () -> ModelFile.read(file)), file);
    }

    @Test
    void nonZipFileIsAnIOExceptionNamingIt() throws IOException {
        Path text = dir.resolve("model.csv");
        Files.writeString(text, "a,b,label\n1,2,x\n");
        IOException e = assertThrows(IOException.class, () -> ModelFile.read(text));
        assertNamesFile(e, text);
        assertTrue(e.getMessage().contains("not an NCL model file"), e.getMessage());

        Path binary = dir.resolve("random.bin");
        Files.write(binary, randomBytes(3, 4096));
        assertNamesFile(assertThrows(IOException.class, () -> ModelFile.read(binary)), binary);
    }

    @Test
    void zipWithoutOnePartIsAnIOExceptionNamingTheFileAndThePart() throws IOException {
        Path noParams = dir.resolve("no-params.ncl");
        writeZip(noParams, ModelFile.MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> ModelFile.read(noParams));
        assertNamesFile(e, noParams);
        assertTrue(e.getMessage().contains(ModelFile.PARAMS), e.getMessage());

        Path noManifest = dir.resolve("no-manifest.ncl");
        writeZip(noManifest, ModelFile.PARAMS, new byte[] {1, 2});
        IOException e2 = assertThrows(IOException.class, () -> ModelFile.read(noManifest));
        assertNamesFile(e2, noManifest);
        assertTrue(e2.getMessage().contains(ModelFile.MANIFEST), e2.getMessage());

        Path other = dir.resolve("other.zip");
        writeZip(other, "readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertNamesFile(assertThrows(IOException.class, () -> ModelFile.read(other)), other);
    }

    /**
     * A file cut anywhere inside its entries is an IOException naming the file; a cut after both
     * entries (in the zip's central directory) may still read, but then with exactly the written parts.
     */
    @Test
    void truncatedFileIsAnIOExceptionNamingIt() throws IOException {
        Path good = dir.resolve("good.ncl");
        String manifest = "{\"format\": \"ncl-model\", \"padding\": \"" + "x".repeat(500) + "\"}";
        byte[] params = randomBytes(4, 4000);
        ModelFile.write(good, manifest, params);
        byte[] bytes = Files.readAllBytes(good);
        int cutsInsideEntries = 0;
        for (int percent = 5; percent < 100; percent += 5) {
            int length = bytes.length * percent / 100;
            Path cut = dir.resolve("cut-" + percent + ".ncl");
            Files.write(cut, Arrays.copyOf(bytes, length));
            try {
                ModelFile.Contents c = ModelFile.read(cut);
                assertEquals(manifest, c.manifestJson(), "cut at " + length + " of " + bytes.length);
                assertArrayEquals(params, c.parameters(), "cut at " + length + " of " + bytes.length);
            } catch (IOException e) {
                cutsInsideEntries++;
                assertNamesFile(e, cut);
            } catch (RuntimeException e) {
                fail("cut at " + length + " of " + bytes.length + ": expected an IOException, got " + e, e);
            }
        }
        assertTrue(cutsInsideEntries >= 15, "most cuts fall inside the entries: " + cutsInsideEntries);
    }

    private static void writeZip(Path file, String entry, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        Files.write(file, bytes.toByteArray());
    }
}
