// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.ncl.core.progress.TrainingCancelledException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How {@link NclCommand} reports errors: one line on standard error that a shell user can act on, starting with
 * {@code error: } and naming the option, file, row or column at fault; the stack trace only with
 * {@code --verbose}. Usage errors exit with 2, failures while running with 1, a cancelled training with 130.
 */
final class Errors {

    private Errors() {}

    /** picocli's handler for bad command lines (and {@link ParameterException}s thrown by the commands). */
    static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String hint = "";
        if (ex instanceof CommandLine.UnmatchedArgumentException u
                && !u.getSuggestions().isEmpty()) {
            hint = "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        err.println("error: " + oneLine(ex.getMessage()) + hint + " (see '"
                + cl.getCommandSpec().qualifiedName() + " --help')");
        if (verbose(cl.getParseResult())) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** picocli's handler for exceptions thrown while a command runs. */
    static int runtimeError(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        int code;
        if (ex instanceof CancelledException || ex instanceof TrainingCancelledException) {
            err.println("cancelled: " + oneLine(ex.getMessage()));
            code = NclCommand.EXIT_CANCELLED;
        } else {
            err.println("error: " + describe(ex) + (verbose(parseResult) ? "" : " (--verbose shows the stack trace)"));
            code = cl.getCommandSpec().exitCodeOnExecutionException();
        }
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * The handler for an {@link Error} (out of memory, a stack overflow, a native library that does not load), which
     * picocli does not catch: one line and exit code 1 at once, like any failure while running; the stack trace
     * only with {@code --verbose}.
     */
    static int fatalError(Error e, CommandLine cl, boolean verbose) {
        PrintWriter err = cl.getErr();
        err.println("error: " + describe(e) + (verbose ? "" : " (--verbose shows the stack trace)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return cl.getCommandSpec().exitCodeOnExecutionException();
    }

    /** A one-line description of an exception: what failed and where, without the exception's class for expected kinds. */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + oneLine(e.getMessage()) + "); give Java more memory, e.g. "
                    + "NCL_JAVA_OPTS=-Xmx8g for ncl-cli/bin/ncl or java -Xmx8g -jar ncl.jar, or use fewer --rows "
                    + "or a smaller batchSize";
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow; give Java a larger stack, e.g. java -Xss16m";
        }
        if (e instanceof CharacterCodingException) {
            return "the input is not UTF-8 text (" + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())
                    + "); save the file as UTF-8";
        }
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof NoSuchFileException f) {
            return "file not found: " + f.getFile()
                    + (f.getReason() == null ? "" : " (" + oneLine(f.getReason()) + ")");
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return oneLine(f.getMessage());
        }
        String msg = e.getMessage();
        if (e instanceof IllegalArgumentException
                || e instanceof java.io.IOException
                || e instanceof IllegalStateException) {
            if (msg != null && !msg.isBlank()) {
                return oneLine(msg);
            }
        }
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + oneLine(msg));
    }

    /** The text on one line: line breaks (and the indentation after them) become "; ". */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static boolean verbose(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
