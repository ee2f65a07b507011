// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclModel;

/**
 * A save killed half-way (SIGKILL of the writing JVM, so no finally block runs) leaves the good model that was
 * already at the path intact and loadable. What it does leave is its hidden temporary file
 * {@code .<name>.<hex>.tmp} next to the target: nothing reads it (a load opens only the target's name), and the
 * next successful save replaces the target and removes its own temporary file; the stale one stays for the user
 * to delete, as nothing can tell it from another writer's file in progress.
 */
class KillDuringSaveTest {

    private static final String GOLDEN = "/org/ncl/core/golden/tabular-v1.ncl";

    @TempDir
    Path dir;

    /** The child: writes half of {@code args[1]}'s bytes to {@code args[0]} atomically, then signals and waits. */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        byte[] bytes = Files.readAllBytes(Path.of(args[1]));
        Path started = Path.of(args[2]);
        AtomicFiles.write(target, out -> {
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            Files.createFile(started);
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
        });
    }

    @Test
    void aWriterKilledMidSaveLeavesTheEarlierModelIntact() throws Exception {
        byte[] good;
        try (InputStream in = KillDuringSaveTest.class.getResourceAsStream(GOLDEN)) {
            good = in.readAllBytes();
        }
        Path target = dir.resolve("model.ncl");
        Files.write(target, good);
        // the new content differs from the old, so a half-replaced target would show
        byte[] other = good.clone();
        other[other.length / 4] ^= 0x55;
        Path source = dir.resolve("new-content.bin");
        Files.write(source, other);
        Path started = dir.resolve("started");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        KillDuringSaveTest.class.getName(),
                        target.toString(),
                        source.toString(),
                        started.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(started)) {
                assertTrue(child.isAlive(), () -> "the child ended early: " + log());
                assertTrue(System.nanoTime() < deadline, "the child did not start writing within 60 s");
                Thread.sleep(20);
            }
            List<Path> temps = temps();
            assertEquals(1, temps.size(), "the writer's temporary file: " + temps);
            assertEquals(other.length / 2, Files.size(temps.get(0)), "half written when killed");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        }

        assertArrayEquals(good, Files.readAllBytes(target), "the earlier model file is unchanged");
        try (NclModel m = NclModel.load(target)) {
            assertTrue(m.knownClassNames().size() > 0);
        }
        // killed: no finally ran, so its temporary file is left, hidden, next to the target and never read
        assertEquals(1, temps().size(), "the killed writer's temporary file: " + temps());

        // a later save replaces the target and leaves no temporary file of its own
        Path stale = temps().get(0);
        AtomicFiles.write(target, other);
        assertArrayEquals(other, Files.readAllBytes(target));
        assertEquals(List.of(stale), temps());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<Path> temps() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
