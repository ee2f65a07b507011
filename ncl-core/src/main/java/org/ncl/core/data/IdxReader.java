// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (magic number, then one
 * 32-bit size per dimension) followed by unsigned bytes.
 *
 * <ul>
 *   <li>image files: magic {@code 0x00000803} (unsigned bytes, 3 dimensions: count, rows, cols);</li>
 *   <li>label files: magic {@code 0x00000801} (unsigned bytes, 1 dimension: count).</li>
 * </ul>
 *
 * <p>Gzip-compressed files are recognised by their first two bytes ({@code 0x1f 0x8b}), not by the
 * file name, so {@code t10k-images-idx3-ubyte} and {@code t10k-images-idx3-ubyte.gz} both work.
 *
 * <p>Errors: a file that is not the expected kind of IDX file (wrong magic number, impossible
 * dimensions, fewer bytes than the header announces, bytes after the announced data, corrupt gzip data)
 * is reported as an {@link IOException} whose message starts with the file (or the source name given for
 * a stream) and says what was expected.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned-byte images: type 0x08, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;

    /** Magic number of an IDX file of unsigned-byte labels: type 0x08, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;
    /** Largest Java array we try to allocate. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8L;

    private IdxReader() {}

    /**
     * Reads an image file ({@code *-images-idx3-ubyte}, gzipped or not).
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read or is not a well-formed IDX image file
     */
    public static IdxImages readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readImages(in, file.toString());
        }
    }

    /**
     * Reads an image file from a stream (gzipped or not); the stream is read to its end but not closed.
     *
     * @param source the name used in error messages (for example the resource or file name)
     * @throws IOException if the stream cannot be read or is not a well-formed IDX image file
     */
    public static IdxImages readImages(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        try (InputStream data = decompressed(in, source)) {
            int magic = readHeaderInt(data, source, 0, 16);
            checkMagic(magic, IMAGES_MAGIC, source, "image", "3 dimensions: count, rows, cols");
            int count = readHeaderInt(data, source, 4, 16);
            int rows = readHeaderInt(data, source, 8, 16);
            int cols = readHeaderInt(data, source, 12, 16);
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new IOException(source + ": invalid IDX image dimensions: count " + count + ", rows " + rows
                        + ", cols " + cols + "; expected count >= 0 and rows, cols > 0");
            }
            // rows * cols < 2^62; count * perImage is only formed once perImage < 2^31, so nothing overflows
            long perImage = (long) rows * cols;
            if (perImage > MAX_VALUES || count * perImage > MAX_VALUES) {
                throw new IOException(source + ": " + count + " images of " + rows + "x" + cols
                        + " are more pixels than one array can hold (" + MAX_VALUES + ")");
            }
            long total = count * perImage;
            String what = count + " images of " + rows + "x" + cols;
            byte[] bytes = readBytes(data, source, 16, total, what);
            checkEnd(data, source, 16 + total, what);
            float[] pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xFF) / 255f;
            }
            return IdxImages.wrap(count, rows, cols, pixels);
        }
    }

    /**
     * Reads a label file ({@code *-labels-idx1-ubyte}, gzipped or not): one label 0..255 per item.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read or is not a well-formed IDX label file
     */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString());
        }
    }

    /**
     * Reads a label file from a stream (gzipped or not); the stream is read to its end but not closed.
     *
     * @param source the name used in error messages
     * @throws IOException if the stream cannot be read or is not a well-formed IDX label file
     */
    public static int[] readLabels(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        try (InputStream data = decompressed(in, source)) {
            int magic = readHeaderInt(data, source, 0, 8);
            checkMagic(magic, LABELS_MAGIC, source, "label", "1 dimension: count");
            int count = readHeaderInt(data, source, 4, 8);
            if (count < 0) {
                throw new IOException(source + ": invalid IDX label count " + count + "; expected >= 0");
            }
            if (count > MAX_VALUES) {
                throw new IOException(
                        source + ": " + count + " labels are more than one array can hold (" + MAX_VALUES + ")");
            }
            String what = count + " labels";
            byte[] bytes = readBytes(data, source, 8, count, what);
            checkEnd(data, source, 8L + count, what);
            int[] labels = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        }
    }

    private static InputStream open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "IDX file not found");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, expected an IDX file");
        }
        return Files.newInputStream(file);
    }

    /** Buffers the caller's stream (never closing it) and adds gzip decompression if it starts with 0x1f 0x8b. */
    private static InputStream decompressed(InputStream in, String source) throws IOException {
        InputStream notClosing = new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        };
        BufferedInputStream buffered = new BufferedInputStream(notClosing, BUFFER);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
            } catch (IOException e) {
                throw new IOException(
                        source + ": starts like gzip data (0x1f 0x8b) but its gzip header is corrupt: "
                                + e.getMessage(),
                        e);
            }
        }
        return buffered;
    }

    private static void checkMagic(int magic, int expected, String source, String kind, String layout)
            throws IOException {
        if (magic == expected) {
            return;
        }
        String hint = "";
        if (magic == IMAGES_MAGIC) {
            hint = " (this is an IDX image file)";
        } else if (magic == LABELS_MAGIC) {
            hint = " (this is an IDX label file)";
        } else if ((magic >>> 16) != 0) {
            hint = " (not an IDX file: its first two bytes must be zero)";
        } else if (((magic >>> 8) & 0xFF) != 0x08) {
            hint = " (an IDX file of another element type; only unsigned bytes, type 0x08, are supported)";
        }
        throw new IOException(source + ": not an IDX " + kind + " file: magic number " + hex(magic) + hint
                + ", expected " + hex(expected) + " (unsigned bytes, " + layout + ")");
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    private static int readHeaderInt(InputStream in, String source, int offset, int headerSize) throws IOException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = read(in, source, offset + i);
            if (b < 0) {
                throw new IOException(source + ": truncated: expected an IDX header of " + headerSize
                        + " bytes, found only " + (offset + i));
            }
            value = (value << 8) | b;
        }
        return value;
    }

    private static int read(InputStream in, String source, long position) throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            throw readError(source, position, e);
        }
    }

    private static IOException readError(String source, long position, IOException e) {
        return new IOException(
                source + ": cannot read byte " + position + " (truncated or corrupt file?): " + e.getMessage(), e);
    }

    /**
     * Reads the {@code total} data bytes the header announces. The array grows with the bytes that actually
     * arrive (doubling, from at most {@value #BUFFER} bytes), so a header that merely announces a huge count
     * fails as truncated instead of allocating what it declares.
     */
    private static byte[] readBytes(InputStream in, String source, int headerSize, long total, String what)
            throws IOException {
        byte[] out = new byte[(int) Math.min(total, BUFFER)];
        int done = 0;
        while (done < total) {
            if (done == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(total, 2L * out.length));
            }
            int n;
            try {
                n = in.read(out, done, out.length - done);
            } catch (IOException e) {
                throw readError(source, headerSize + (long) done, e);
            }
            if (n < 0) {
                throw new IOException(source + ": truncated: the header announces " + what + ", that is " + total
                        + " data bytes after the " + headerSize + "-byte header, but only " + done + " follow");
            }
            done += n;
        }
        return out;
    }

    private static void checkEnd(InputStream in, String source, long position, String what) throws IOException {
        if (read(in, source, position) >= 0) {
            throw new IOException(source + ": unexpected data after byte " + position + ": the header announces " + what
                    + " and nothing more");
        }
    }
}
