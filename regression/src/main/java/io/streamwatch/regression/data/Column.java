package io.streamwatch.regression.data;

import java.util.Objects;

/** A named, typed column. Every column is nullable (empty field or a null token). */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
