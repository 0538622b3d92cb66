package io.streamwatch.regression.data;

/** Column types inferred from a CSV, from narrowest to widest. */
public enum ColumnType {
    INTEGER("integer"),
    DOUBLE("double"),
    BOOLEAN("boolean"),
    STRING("string");

    private final String sparkName;

    ColumnType(String sparkName) {
        this.sparkName = sparkName;
    }

    /** The name Spark's {@code printSchema} uses. */
    public String sparkName() {
        return sparkName;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == DOUBLE;
    }
}
