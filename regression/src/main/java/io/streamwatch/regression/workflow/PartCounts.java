package io.streamwatch.regression.workflow;

import io.streamwatch.regression.design.InvalidRowException;

/** Where one part's rows went, and the first one that could not be used. */
final class PartCounts {
    long rows;
    long skipped;
    long imputed;
    long used;
    long zeroWeight;
    long firstInvalidLine = -1;
    String firstInvalid = "";

    void merge(PartCounts other) {
        rows += other.rows;
        skipped += other.skipped;
        imputed += other.imputed;
        used += other.used;
        zeroWeight += other.zeroWeight;
        if (firstInvalidLine < 0) {
            firstInvalidLine = other.firstInvalidLine;
            firstInvalid = other.firstInvalid;
        }
    }

    void requireNoInvalid(String source) {
        if (firstInvalidLine >= 0) {
            throw new InvalidRowException(source + ", line " + firstInvalidLine + ", column " + firstInvalid
                    + " (choose --invalid skip or --invalid impute to go on)");
        }
    }
}
