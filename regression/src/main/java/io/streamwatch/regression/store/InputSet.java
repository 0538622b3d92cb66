package io.streamwatch.regression.store;

import java.util.List;

/**
 * What a command's input argument names, resolved: one object (a file, an S3 object), or the parts of a
 * directory or an S3 prefix in name order, {@code _SUCCESS} and other {@code _}-prefixed and hidden
 * ({@code .}-prefixed) names skipped, read as one table.
 *
 * @param name      the argument as given, for messages
 * @param directory whether it named parts (a directory or an S3 prefix) rather than one object
 * @param parts     the objects to read, in order; never empty
 */
public record InputSet(String name, boolean directory, List<InputObject> parts) {

    public InputSet {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(name + " has no data objects");
        }
    }

    /** Whether a part's file name is data, not a marker ({@code _SUCCESS}) or a hidden file ({@code .crc}). */
    public static boolean isDataName(String fileName) {
        return !fileName.isEmpty() && !fileName.startsWith("_") && !fileName.startsWith(".");
    }
}
