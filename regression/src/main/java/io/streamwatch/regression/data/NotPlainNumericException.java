package io.streamwatch.regression.data;

import java.util.Optional;

/**
 * The fast reader met something only the general CSV reader handles (a quoted field, a ragged row, a
 * number the general reader parses differently), or text in a column it was reading as numbers. Not an
 * error for the user: the caller reads the file again, with that column as text ({@link #textColumn}) or the
 * general way, which gives the same answer or the error that names the problem.
 */
public final class NotPlainNumericException extends RuntimeException {

    private final String textColumn;

    public NotPlainNumericException(String reason) {
        this(reason, null);
    }

    private NotPlainNumericException(String reason, String textColumn) {
        super(reason, null, false, false);
        this.textColumn = textColumn;
    }

    /**
     * A value of {@code column} that is text to the general reader too (not a number, not a boolean): the
     * column is a string column, which the fast reader can read as text.
     */
    public static NotPlainNumericException textIn(String column, String reason) {
        return new NotPlainNumericException(reason, column);
    }

    /** The column found to hold text, when that is why the reader stopped. */
    public Optional<String> textColumn() {
        return Optional.ofNullable(textColumn);
    }
}
