// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SoakBench}: its arguments and a 3-cycle run whose report must be sane and round-trip through JSON. */
class SoakBenchTest {

    @Test
    void argumentsParse() {
        SoakBench.Arguments a =
                SoakBench.Arguments.parse(new String[] {"--cycles", "40", "--warmup=2", "--out", "/o", "--no-fail"});
        assertEquals(40, a.cycles());
        assertEquals(2, a.warmup());
        assertEquals(SoakBench.DEFAULT_ROWS, a.rows());
        assertEquals(Path.of("/o"), a.out());
        assertTrue(a.noFail());
        SoakBench.Arguments d = SoakBench.Arguments.parse(new String[0]);
        assertEquals(SoakBench.DEFAULT_CYCLES, d.cycles());
        assertEquals(SoakBench.DEFAULT_WARMUP, d.warmup());
        assertEquals(1, SoakBench.Arguments.parse(new String[] {"--cycles=2"}).warmup());
        assertThrows(IllegalArgumentException.class, () -> SoakBench.Arguments.parse(new String[] {"--cycles", "0"}));
        assertThrows(IllegalArgumentException.class, () -> SoakBench.Arguments.parse(new String[] {"--cycles"}));
        assertThrows(
                IllegalArgumentException.class,
                () -> SoakBench.Arguments.parse(new String[] {"--cycles", "3", "--warmup", "3"}));
        assertThrows(IllegalArgumentException.class, () -> SoakBench.Arguments.parse(new String[] {"--bogus"}));
    }

    @Test
    void parsesVmRssAndSlope() {
        assertEquals(2048L * 1024, SoakBench.parseVmRss("Name:\tjava\nVmHWM:\t 9999 kB\nVmRSS:\t    2048 kB\n"));
        assertEquals(-1, SoakBench.parseVmRss("Name:\tjava\n"));
        assertEquals(2.0, SoakBenchResults.slope(new double[] {0, 1, 2}, new double[] {1, 3, 5}), 1e-12);
        assertEquals(0.0, SoakBenchResults.slope(new double[] {4}, new double[] {7}));
    }

    @Test
    void threeCyclesReportAndRoundTrip(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int code = SoakBench.run(
                new String[] {"--cycles", "3", "--warmup", "1", "--rows", "200", "--out", dir.toString(), "--no-fail"},
                out,
                out);
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        List<Path> jsons;
        try (Stream<Path> s = Files.list(dir)) {
            jsons = s.filter(p -> p.getFileName().toString().matches("soak-\\d{8}-\\d{6}\\.json"))
                    .toList();
        }
        assertEquals(1, jsons.size(), text);
        Path md = dir.resolve(jsons.get(0).getFileName().toString().replace(".json", ".md"));
        assertTrue(Files.isRegularFile(md));
        SoakBenchResults r = SoakBenchResults.fromJson(Files.readString(jsons.get(0)));
        assertEquals(r, SoakBenchResults.fromJson(r.toJson()));
        assertEquals(3, r.cycles());
        assertEquals(1, r.warmupCycles());
        assertEquals(200, r.rows());
        // cycle 0, the baseline after the warm-up, the end
        assertEquals(
                List.of(0, 1, 3),
                r.samples().stream().map(SoakBenchResults.Sample::cycle).toList());
        assertEquals(1, r.baseline().cycle());
        assertEquals(3, r.end().cycle());
        for (SoakBenchResults.Sample s : r.samples()) {
            assertTrue(
                    s.heapUsedBytes() > 0
                            && s.heapUsedBytes() <= Runtime.getRuntime().maxMemory(),
                    s.toString());
            assertTrue(s.seconds() >= 0, s.toString());
            if (Files.isReadable(Path.of("/proc/self/status"))) {
                assertTrue(s.rssBytes() >= s.heapUsedBytes() && s.rssBytes() < 64L << 30, s.toString());
            }
        }
        assertTrue(r.cyclesPerSecond() > 0 && Double.isFinite(r.cyclesPerSecond()));
        assertTrue(Double.isFinite(r.rssSlopeBytesPerCycle()) && Double.isFinite(r.heapSlopeBytesPerCycle()));
        assertTrue(r.rssToleranceBytes() >= SoakBench.TOLERANCE_MIB << 20);
        assertEquals("MLP", r.settings().get("encoder"));
        assertTrue(r.markdown().contains(r.flat() ? "FLAT" : "NOT FLAT"));
        assertTrue(Files.readString(md).startsWith("# Soak benchmark"));
        assertTrue(text.contains(r.verdict()), text);
    }
}
