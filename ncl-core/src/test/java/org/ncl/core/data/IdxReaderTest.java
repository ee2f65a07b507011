// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** 3 images of 2x4 pixels with distinct byte values, including 0 and 255. */
    private static final int[] PIXELS = {
        0, 255, 51, 102, 1, 2, 3, 4,
        10, 20, 30, 40, 50, 60, 70, 80,
        255, 254, 128, 127, 0, 0, 0, 200,
    };

    static byte[] imageFile(int magic, int count, int rows, int cols, int[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length); // big-endian by default, as IDX
        b.putInt(magic).putInt(count).putInt(rows).putInt(cols);
        for (int p : pixels) {
            b.put((byte) p);
        }
        return b.array();
    }

    static byte[] labelFile(int magic, int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertImages(IdxImages images) {
        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(4, images.cols());
        assertEquals(8, images.imageSize());
        float[] px = images.pixels();
        assertEquals(PIXELS.length, px.length);
        for (int i = 0; i < PIXELS.length; i++) {
            assertEquals(PIXELS[i] / 255f, px[i], 0f, "pixel " + i);
        }
        // row-major within an image: image 2, row 1, col 3 is the last byte (200)
        assertEquals(200 / 255f, images.pixel(2, 1, 3), 0f);
        assertEquals(1f, images.pixel(0, 0, 1), 0f);
        assertEquals(0f, images.pixel(0, 0, 0), 0f);
        assertEquals(50 / 255f, images.pixel(1, 1, 0), 0f);
        assertArrayEquals(Arrays.copyOfRange(px, 8, 16), images.image(1));
    }

    @Test
    void readsPlainImageFile() throws IOException {
        Path f = write("images-idx3-ubyte", imageFile(IdxReader.IMAGES_MAGIC, 3, 2, 4, PIXELS));
        assertImages(IdxReader.readImages(f));
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        byte[] plain = imageFile(IdxReader.IMAGES_MAGIC, 3, 2, 4, PIXELS);
        // gzipped content without .gz, and plain content with .gz
        assertImages(IdxReader.readImages(write("gzipped-without-suffix", gzip(plain))));
        assertImages(IdxReader.readImages(write("plain-with-suffix.gz", plain)));
    }

    @Test
    void readsImagesFromStreamWithoutClosingIt() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(gzip(imageFile(IdxReader.IMAGES_MAGIC, 3, 2, 4, PIXELS))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertImages(IdxReader.readImages(in, "test stream"));
        assertFalse(closed[0], "the caller's stream must stay open");
    }

    @Test
    void readsLabelsPlainAndGzipped() throws IOException {
        int[] labels = {9, 0, 255, 3, 7};
        byte[] plain = labelFile(IdxReader.LABELS_MAGIC, labels);
        assertArrayEquals(labels, IdxReader.readLabels(write("labels", plain)));
        assertArrayEquals(labels, IdxReader.readLabels(write("labels.gz", gzip(plain))));
        assertArrayEquals(labels, IdxReader.readLabels(new ByteArrayInputStream(gzip(plain)), "s"));
    }

    @Test
    void readsEmptyFiles() throws IOException {
        IdxImages none = IdxReader.readImages(write("none", imageFile(IdxReader.IMAGES_MAGIC, 0, 28, 28, new int[0])));
        assertEquals(0, none.count());
        assertEquals(0, none.pixels().length);
        assertEquals(0, IdxReader.readLabels(write("nolabels", labelFile(IdxReader.LABELS_MAGIC, new int[0]))).length);
    }

    @Test
    void truncatedPixelDataNamesFileAndSizes() throws IOException {
        byte[] full = imageFile(IdxReader.IMAGES_MAGIC, 3, 2, 4, PIXELS);
        Path f = write("short-images", Arrays.copyOf(full, full.length - 5));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("3 images of 2x4"), e.getMessage());
        assertTrue(e.getMessage().contains("24 data bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("only 19"), e.getMessage());
    }

    @Test
    void truncatedGzippedFileNamesFile() throws IOException {
        byte[] gz = gzip(imageFile(IdxReader.IMAGES_MAGIC, 3, 2, 4, PIXELS));
        Path f = write("cut.gz", Arrays.copyOf(gz, gz.length - 12));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void truncatedHeaderAndLabels() throws IOException {
        Path header = write("header", new byte[] {0, 0, 8, 3, 0, 0});
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(header));
        assertTrue(e.getMessage().contains(header.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("header of 16 bytes, found only 6"), e.getMessage());

        byte[] labels = labelFile(IdxReader.LABELS_MAGIC, new int[] {1, 2, 3, 4});
        Path cut = write("labels-cut", Arrays.copyOf(labels, labels.length - 1));
        e = assertThrows(IOException.class, () -> IdxReader.readLabels(cut));
        assertTrue(
                e.getMessage().contains(cut.toString())
                        && e.getMessage().contains("4 labels")
                        && e.getMessage().contains("only 3"),
                e.getMessage());

        Path empty = write("empty", new byte[0]);
        e = assertThrows(IOException.class, () -> IdxReader.readLabels(empty));
        assertTrue(
                e.getMessage().contains(empty.toString()) && e.getMessage().contains("found only 0"), e.getMessage());
    }

    @Test
    void badMagicNamesFileAndExpectedMagic() throws IOException {
        Path labels = write("labels-idx1", labelFile(IdxReader.LABELS_MAGIC, new int[] {1, 2}));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
        assertTrue(e.getMessage().contains("label file"), e.getMessage());

        Path images = write("images-idx3", imageFile(IdxReader.IMAGES_MAGIC, 3, 2, 4, PIXELS));
        e = assertThrows(IOException.class, () -> IdxReader.readLabels(images));
        assertTrue(
                e.getMessage().contains(images.toString()) && e.getMessage().contains("expected 0x00000801"),
                e.getMessage());

        Path text =
                write("notes.txt", "hello world, this is not IDX".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        e = assertThrows(IOException.class, () -> IdxReader.readImages(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not an IDX"), e.getMessage());

        // IDX of floats (type 0x0d) is not supported
        Path floats = write("floats", imageFile(0x00000d03, 1, 1, 1, new int[] {0, 0, 0, 0}));
        e = assertThrows(IOException.class, () -> IdxReader.readImages(floats));
        assertTrue(e.getMessage().contains("0x00000d03") && e.getMessage().contains("element type"), e.getMessage());
    }

    @Test
    void invalidDimensionsAndTrailingData() throws IOException {
        Path zeroRows = write("zero-rows", imageFile(IdxReader.IMAGES_MAGIC, 1, 0, 4, new int[0]));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(zeroRows));
        assertTrue(
                e.getMessage().contains(zeroRows.toString()) && e.getMessage().contains("rows 0"), e.getMessage());

        Path negative = write("negative", labelFile(IdxReader.LABELS_MAGIC, new int[0]));
        byte[] bytes = Files.readAllBytes(negative);
        bytes[4] = (byte) 0xff; // count becomes negative
        Files.write(negative, bytes);
        e = assertThrows(IOException.class, () -> IdxReader.readLabels(negative));
        assertTrue(e.getMessage().contains("invalid IDX label count"), e.getMessage());

        byte[] full = imageFile(IdxReader.IMAGES_MAGIC, 3, 2, 4, PIXELS);
        Path longer = write("longer", Arrays.copyOf(full, full.length + 1));
        e = assertThrows(IOException.class, () -> IdxReader.readImages(longer));
        assertTrue(
                e.getMessage().contains(longer.toString()) && e.getMessage().contains("unexpected data"),
                e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("no-such-file.gz");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.readImages(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void idxImagesIsImmutableAndChecked() {
        float[] px = {0f, 0.5f, 1f, 0.25f};
        IdxImages images = new IdxImages(1, 2, 2, px);
        px[0] = 0.9f;
        assertEquals(0f, images.pixel(0, 0, 0), 0f);
        images.pixels()[1] = 0.9f;
        assertEquals(0.5f, images.pixel(0, 0, 1), 0f);
        assertThrows(IllegalArgumentException.class, () -> new IdxImages(2, 2, 2, px));
        assertThrows(IndexOutOfBoundsException.class, () -> images.pixel(0, 2, 0));
    }
}
