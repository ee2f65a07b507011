// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the command-line tool in this JVM and captures its output. */
final class Cli {

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {

        /** The lines of standard error. */
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }

        /** Asserts exit code 0 and nothing on standard error. */
        Result ok() {
            assertEquals(0, code, () -> "exit code; stderr: " + err + "\nstdout: " + out);
            return this;
        }

        /**
         * Asserts a failure: the exit code, exactly one line on standard error that starts with "error: " and
         * contains {@code expected}, and no stack trace.
         */
        Result fails(int expectedCode, String expected) {
            assertEquals(expectedCode, code, () -> "exit code; stderr: " + err);
            assertEquals(1, errLines().size(), () -> "one line on stderr, got: " + err);
            assertTrue(err.startsWith("error: "), err);
            assertTrue(err.contains(expected), () -> "expected '" + expected + "' in: " + err);
            assertFalse(
                    err.contains("\tat ") || err.contains("Exception:"),
                    () -> "a stack trace or exception name: " + err);
            return this;
        }
    }

    private Cli() {}

    /**
     * Asserts two JSON score objects ({@code accuracy, nmi, ari, n}) are equal up to rounding: the same rows scored
     * with the classes numbered differently may differ in the last bit of NMI.
     */
    static void assertSameScores(com.google.gson.JsonObject expected, com.google.gson.JsonObject actual) {
        assertEquals(expected.get("n").getAsInt(), actual.get("n").getAsInt(), "n");
        for (String k : new String[] {"accuracy", "nmi", "ari"}) {
            assertEquals(expected.get(k).getAsDouble(), actual.get(k).getAsDouble(), 1e-12, k);
        }
    }

    /** Runs {@code ncl args...} (never cancelled). */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NclCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), () -> false);
        return new Result(code, out.toString(), err.toString());
    }
}
