package io.streamwatch.regression.data;

/** A CSV file that cannot be read; the message names the file, line and, where known, column. */
public final class CsvFormatException extends RuntimeException {
    public CsvFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public CsvFormatException(String message) {
        super(message);
    }
}
