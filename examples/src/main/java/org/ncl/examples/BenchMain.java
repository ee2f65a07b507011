// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.ncl.cli.Discover;

/**
 * What the benchmarks share: preparing the JVM, running, the exit code, the usage error, the JSON form of their
 * results and writing their reports.
 */
final class BenchMain {

    /** The JSON form of every benchmark's results (readable, NaN allowed, no HTML escaping). */
    static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A benchmark's {@code run(args, out, err)}, which returns its exit code. */
    interface Benchmark {
        int run(String[] args, PrintStream out, PrintStream err) throws IOException;
    }

    private BenchMain() {}

    /** Prepares the JVM, runs the benchmark on the standard streams and exits with its code unless it is 0. */
    static void main(Benchmark benchmark, String[] args) throws IOException {
        Discover.prepareJvm();
        int code = benchmark.run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Reports bad arguments: the message, then the usage.
     *
     * @return 2, the exit code for bad arguments
     */
    static int usageError(IllegalArgumentException e, String usage, PrintStream err) {
        err.println("error: " + e.getMessage());
        err.println(usage);
        return 2;
    }

    /**
     * Prints the Markdown report, then writes it and the JSON to {@code dir} as {@code <name>-<UTC time>.md} and
     * {@code .json}, and says where.
     *
     * @throws IOException if the directory or a file cannot be written
     */
    static void writeReports(Path dir, String name, Instant when, String json, String markdown, PrintStream out)
            throws IOException {
        out.println();
        out.print(markdown);
        Files.createDirectories(dir);
        String stem = name + "-" + FILE_STAMP.format(when);
        Path jsonFile = dir.resolve(stem + ".json");
        Path mdFile = dir.resolve(stem + ".md");
        Files.writeString(jsonFile, json + "\n", StandardCharsets.UTF_8);
        Files.writeString(mdFile, markdown, StandardCharsets.UTF_8);
        out.println("wrote " + jsonFile.toAbsolutePath().normalize() + " and " + mdFile.getFileName());
    }
}
