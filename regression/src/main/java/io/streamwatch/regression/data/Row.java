package io.streamwatch.regression.data;

/**
 * One data row as a {@link RowSource} hands it out: the values of the columns the source was asked for,
 * by slot (the position in that list). A row is a view that the source reuses for the next row; read
 * what you need inside the callback.
 */
public interface Row {

    /** The row's line in its file (1 is the header), the key of the train/test split. */
    long line();

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
