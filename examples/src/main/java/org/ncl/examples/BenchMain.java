package org.ncl.examples;

import java.io.IOException;
import java.io.PrintStream;
import org.ncl.cli.Discover;

/** What the benchmarks' entry points share: preparing the JVM, running, the exit code and the usage error. */
final class BenchMain {

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
}
