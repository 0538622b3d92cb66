package io.streamwatch.regression.data;

import java.util.Objects;
import java.util.Set;

/**
 * How to read a CSV file.
 *
 * @param delimiter  field separator
 * @param quote      quote character
 * @param nullTokens field values read as null (besides the empty field)
 */
public record CsvOptions(char delimiter, char quote, Set<String> nullTokens) {

    public static final CsvOptions DEFAULT = new CsvOptions(',', '"', Set.of("NA"));

    public CsvOptions {
        Objects.requireNonNull(nullTokens, "nullTokens");
        nullTokens = Set.copyOf(nullTokens);
        if (delimiter == quote) {
            throw new IllegalArgumentException("the delimiter and the quote must differ");
        }
    }

    public boolean isNull(String field) {
        return field == null || field.isEmpty() || nullTokens.contains(field);
    }
}
