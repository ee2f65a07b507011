// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.data.CsvReader;
import org.ncl.core.data.IdxReader;

/** The cases {@link ReaderFuzzProperties} found, kept as plain examples. */
class FoundByFuzzingTest {

    @TempDir
    Path dir;

    /** Was a bare MalformedInputException "Input length = 1" that did not name the file. */
    @Test
    void csvFileWithBytesThatAreNotUtf8NamesTheFile() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(
                file, new byte[] {'l', 'a', 'b', 'e', 'l', ',', 'x', '\n', 'a', ',', '1', '\n', (byte) 0xE9, ',', '2'});
        IOException e = assertThrows(
                IOException.class,
                () -> CsvReader.read(
                        file, CsvReader.options().labelColumn("label").build()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertInstanceOf(CharacterCodingException.class, e.getCause());
    }

    /** Was an OutOfMemoryError: the reader allocated the announced Integer.MAX_VALUE labels before reading. */
    @Test
    void idxLabelHeaderAnnouncingHugeCountIsRefusedWithoutAllocatingIt() {
        byte[] bytes = ByteBuffer.allocate(9)
                .putInt(IdxReader.LABELS_MAGIC)
                .putInt(Integer.MAX_VALUE)
                .put((byte) 1)
                .array();
        IOException e = assertThrows(
                IOException.class, () -> IdxReader.readLabels(new ByteArrayInputStream(bytes), "huge labels"));
        assertTrue(e.getMessage().startsWith("huge labels: "), e.getMessage());
    }

    /** Was a NegativeArraySizeException: count * rows * cols overflowed a long and passed the size check. */
    @Test
    void idxImageDimensionsWhoseProductOverflowsAreRefused() {
        int big = 0x7ffffffe;
        byte[] bytes = ByteBuffer.allocate(17)
                .putInt(IdxReader.IMAGES_MAGIC)
                .putInt(big)
                .putInt(big)
                .putInt(big)
                .put((byte) 1)
                .array();
        IOException e = assertThrows(
                IOException.class, () -> IdxReader.readImages(new ByteArrayInputStream(bytes), "overflow"));
        assertTrue(e.getMessage().contains("more pixels than one array can hold"), e.getMessage());
    }

    /** Was an OutOfMemoryError (4 GB of floats for -Xmx3g) before the truncation was noticed. */
    @Test
    void idxImageHeaderAnnouncingHugeImagesIsRefusedAsTruncated() {
        byte[] bytes = ByteBuffer.allocate(20)
                .putInt(IdxReader.IMAGES_MAGIC)
                .putInt(1 << 14)
                .putInt(1 << 8)
                .putInt(1 << 8)
                .putInt(7)
                .array();
        IOException e = assertThrows(
                IOException.class, () -> IdxReader.readImages(new ByteArrayInputStream(bytes), "huge images"));
        assertTrue(e.getMessage().contains("huge images: truncated"), e.getMessage());
    }
}
