package io.streamwatch.regression.data;

/**
 * One data row as a {@link RowSource} hands it out: the values of the columns the source was asked for,
 * by slot (the position in that list). A row is a view that the source reuses for the next row; read
 * what you need inside the callback.
 */
public interface Row {

    /** The line the row ends on in its file (1 is the header), for messages. */
    long line();

    /**
     * The data row's ordinal in its input, 1-based, header excluded, counted as records (a quoted field over
     * several lines is one record; the parts of a directory continue the count): the key of the train/test
     * split, which line endings, quoting and embedded newlines therefore never change.
     */
    long ordinal();

    /** The part file the row is in, in a directory of parts; empty for a single input. */
    default String part() {
        return "";
    }

    /** Where the row is, for messages: "line 7", or in a directory of parts "part-00001.csv, line 7". */
    default String where() {
        return part().isEmpty() ? "line " + line() : part() + ", line " + line();
    }

    /** Whether the slot's value is empty or a null token. */
    boolean isNull(int slot);

    /**
     * The slot's value as a number: numbers as written (integers exactly up to 2^53), booleans as 1 and 0,
     * NaN for text that is not a number. Only for non-null values.
     */
    double number(int slot);

    /** The slot's value as written, trimmed. Only for non-null values. */
    String text(int slot);
}
