package io.streamwatch.regression.solve;

import java.util.List;

/** The design matrix does not have full column rank: some columns are linear combinations of others. */
public final class RankDeficientException extends RuntimeException {

    private final List<String> dependentColumns;

    public RankDeficientException(String message, List<String> dependentColumns) {
        super(message);
        this.dependentColumns = List.copyOf(dependentColumns);
    }

    public List<String> dependentColumns() {
        return dependentColumns;
    }
}
