// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void replacesTheTargetAndLeavesNothingElse(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sub").resolve("out.txt");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            // the usual permissions, not the private ones of Files.createTempFile
            assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OWNER_READ));
            Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
        }
    }

    @Test
    void aFailingWriteKeepsTheGoodFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("model.bin");
        byte[] good = "good".getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, good);
        IOException e = assertThrows(
                IOException.class,
                () -> AtomicFiles.write(target, out -> {
                    out.write("half".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }
}
