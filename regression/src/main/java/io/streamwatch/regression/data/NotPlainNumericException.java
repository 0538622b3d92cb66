package io.streamwatch.regression.data;

/**
 * The fast numeric reader met something only the general CSV reader handles (a quoted field, text in a
 * selected column, a ragged row). Not an error for the user: the caller reads the file the general way,
 * which gives the same answer or the error that names the problem.
 */
public final class NotPlainNumericException extends RuntimeException {
    public NotPlainNumericException(String reason) {
        super(reason, null, false, false);
    }
}
