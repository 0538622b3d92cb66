package io.streamwatch.regression.data;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rows of a table read in passes, each pass seeing every row once in constant memory. A source may read
 * independent parts of its input in parallel: each part gets its own sink, and {@link #scan} returns the
 * sinks in input order, so merging them in that order gives the same result on any machine.
 */
public interface RowSource {

    /** Where the rows come from, for messages. */
    String name();

    /** The selected columns, in slot order, with their types. */
    Schema columns();

    /**
     * The first value of the slot's column that is not a finite number, with its line ("line 7: 'abc' is not a
     * number"), when the source knows it without a pass: for the message that a column must be numeric.
     */
    default java.util.Optional<String> firstNonNumber(int slot) {
        return java.util.Optional.empty();
    }

    /**
     * Whether the source reads its rows in input order on the calling thread, as one part: a sink may then act
     * on each row as it comes (print it) instead of keeping it for {@link #scanInOrder}.
     */
    default boolean sequential() {
        return false;
    }

    /**
     * Whether reading the rows again costs no parsing and no fetching (a table in memory, a cached Spark
     * dataset): such a source is not spilled between passes (see
     * {@link io.streamwatch.regression.data.spill.SpillingSource}).
     */
    default boolean cheapToReadAgain() {
        return false;
    }

    /** Receives the rows of one part of the input, in input order. Not shared between threads. */
    interface Sink {
        void accept(Row row);
    }

    /**
     * Reads every row once.
     *
     * @param sinks makes one sink per part
     * @return the sinks, in input order
     * @throws CsvFormatException       when the input is malformed, naming the line
     * @throws NotPlainNumericException from a source that reads numbers only, when a value is not one
     */
    <S extends Sink> List<S> scan(Supplier<S> sinks);

    /**
     * Reads every row once and hands each part's sink to {@code inOrder}, on the calling thread, in input
     * order, as soon as it and the parts before it are read: a pass that keeps what it reads (predictions to
     * print in order) holds a few parts at a time, not the whole input. A source without parts hands over its
     * one sink at the end: give it a sink that does not keep its rows.
     *
     * @throws CsvFormatException       when the input is malformed, naming the line
     * @throws NotPlainNumericException from a source that reads numbers only, when a value is not one
     */
    default <S extends Sink> void scanInOrder(Supplier<S> sinks, Consumer<S> inOrder) {
        scan(sinks).forEach(inOrder);
    }
}
