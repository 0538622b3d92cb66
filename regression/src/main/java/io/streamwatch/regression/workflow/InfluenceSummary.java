package io.streamwatch.regression.workflow;

import java.util.List;

/**
 * What {@code fit --influence} wrote: how many rows, and the most influential ones.
 *
 * @param rows    the training rows written
 * @param largest the rows with the largest Cook's distance, largest first (an earlier row first on ties)
 */
public record InfluenceSummary(long rows, List<Influential> largest) {

    /** How many of the most influential rows the summary names. */
    public static final int NAMED = 5;

    public InfluenceSummary {
        largest = List.copyOf(largest);
    }

    /**
     * @param row    the data row's ordinal in its file, 1-based
     * @param cooksD its Cook's distance
     * @param hat    its leverage
     * @param studentResid its externally studentized residual
     */
    public record Influential(long row, double cooksD, double hat, double studentResid) {
    }
}
