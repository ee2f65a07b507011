// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak memory of this process so far.
 *
 * @param heapPeakBytes the sum over the JVM's heap memory pools of each pool's peak usage
 *     ({@link MemoryPoolMXBean#getPeakUsage()}); the pools peak at different times, so this is an upper bound
 *     of the heap's peak
 * @param rssPeakBytes the peak resident set size of the process (native memory of PyTorch included), from
 *     {@code VmHWM} in {@code /proc/self/status}; -1 where that is not available (not Linux)
 */
public record PeakMemory(long heapPeakBytes, long rssPeakBytes) {

    private static final Pattern VM_HWM = Pattern.compile("(?m)^VmHWM:\\s*(\\d+)\\s*kB");

    /** Measures now. */
    public static PeakMemory measure() throws IOException {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        Path status = Path.of("/proc/self/status");
        long rss = Files.isReadable(status) ? parseVmHwm(Files.readString(status, StandardCharsets.US_ASCII)) : -1;
        return new PeakMemory(heap, rss);
    }

    /**
     * Starts the peaks afresh, so that a later {@link #measure()} covers only what ran in between: resets the peak
     * usage of every heap pool and, on Linux, the process's {@code VmHWM} (by writing {@code 5} to
     * {@code /proc/self/clear_refs}, which sets it to the current resident set size).
     *
     * @return whether the resident-set peak was reset (false where {@code /proc/self/clear_refs} cannot be written;
     *     the RSS peak then covers the whole process so far)
     */
    public static boolean resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
        Path clearRefs = Path.of("/proc/self/clear_refs");
        if (!Files.isWritable(clearRefs)) {
            return false;
        }
        try {
            Files.writeString(clearRefs, "5", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * The peak resident set size in bytes from the text of {@code /proc/self/status}.
     *
     * @return the {@code VmHWM} value in bytes, or -1 if the text has no {@code VmHWM} line
     */
    public static long parseVmHwm(String procStatus) {
        Matcher m = VM_HWM.matcher(procStatus);
        return m.find() ? Long.parseLong(m.group(1)) * 1024L : -1;
    }

    /** Bytes as mebibytes, e.g. {@code "1234.5 MiB"}, or {@code "n/a"} for a negative value. */
    public static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
