package io.streamwatch.regression.data;

import java.util.List;
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
}
