// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Training input that novel class discovery cannot use, found by the core's one input validation
 * ({@link NclTrainer#validate}, run by {@link NclTrainer#train} before any training). Besides the message
 * it says what is wrong ({@link #problem()}) and where, when that is known: the row, the known class, the
 * option, and the number of unlabeled rows the check counted.
 *
 * <p>Adapters never repeat the checks: they catch this exception and, where their users speak of
 * instances, attributes or command-line flags rather than rows, classes and core options, rethrow
 * {@link #withMessage(String) the same problem in their own words}. Immutable.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the input. */
    public enum Problem {
        /** Known classes are named (or required) but no row has a known label. */
        NO_LABELED_ROWS,
        /** Every row has a known label: there is nothing to discover. */
        NO_UNLABELED_ROWS,
        /** Exactly one known class: the known-class head needs at least two. */
        SINGLE_KNOWN_CLASS,
        /** A known class has no labeled row ({@link #knownClass()} names it). */
        KNOWN_CLASS_WITHOUT_ROWS,
        /** A known class has a name reserved for the novel clusters, {@code novel-0, novel-1, ...}
         *  ({@link #knownClass()} names it, {@link #row()} is its first labeled row). */
        RESERVED_CLASS_NAME,
        /** Option {@code numNovelClasses} is larger than the number of unlabeled rows. */
        TOO_MANY_NOVEL_CLASSES,
        /** An option ({@link #option()}) does not fit the shape of the rows. */
        OPTION_DOES_NOT_FIT_DATA
    }

    private final Problem problem;
    private final int row;
    private final String knownClass;
    private final String option;
    private final int unlabeledRows;

    /**
     * An invalid-input exception.
     *
     * @param problem what is wrong
     * @param message the message
     * @param row the row at fault, or -1
     * @param knownClass the known class at fault, or null
     * @param option the core option at fault, or null
     * @param unlabeledRows the number of unlabeled rows, or -1 when the problem is not about them
     */
    public InvalidInputException(
            Problem problem, String message, int row, String knownClass, String option, int unlabeledRows) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.row = row < 0 ? -1 : row;
        this.knownClass = knownClass;
        this.option = option;
        this.unlabeledRows = unlabeledRows < 0 ? -1 : unlabeledRows;
    }

    /** What is wrong. */
    public Problem problem() {
        return problem;
    }

    /** The row at fault (0-based, in the order of the training data), if the problem is about one row. */
    public OptionalInt row() {
        return row < 0 ? OptionalInt.empty() : OptionalInt.of(row);
    }

    /** The known class at fault, if the problem is about one. */
    public Optional<String> knownClass() {
        return Optional.ofNullable(knownClass);
    }

    /** The name of the core option at fault ({@link org.ncl.core.options.NclOptions}), if the problem is about one. */
    public Optional<String> option() {
        return Optional.ofNullable(option);
    }

    /** The number of unlabeled rows the check counted, if the problem is about them. */
    public OptionalInt unlabeledRows() {
        return unlabeledRows < 0 ? OptionalInt.empty() : OptionalInt.of(unlabeledRows);
    }

    /**
     * The same problem, at the same place, in other words (an adapter's terms); this exception is the cause.
     *
     * @param message the new message
     * @return a new exception
     */
    public InvalidInputException withMessage(String message) {
        InvalidInputException e = new InvalidInputException(problem, message, row, knownClass, option, unlabeledRows);
        e.initCause(this);
        return e;
    }
}
