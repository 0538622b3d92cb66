package io.streamwatch.regression.workflow;

import io.streamwatch.regression.design.InvalidRowException;

/** Where one part's rows went, and the first one that could not be used. */
final class PartCounts implements java.io.Serializable {
    long rows;
    long skipped;
    long imputed;
    long used;
    long zeroWeight;
    /** The first unusable row's ordinal (-1: none), where it is ("line 7") and why. */
    long firstInvalidOrdinal = -1;
    String firstInvalidWhere = "";
    String firstInvalid = "";

    void merge(PartCounts other) {
        rows += other.rows;
        skipped += other.skipped;
        imputed += other.imputed;
        used += other.used;
        zeroWeight += other.zeroWeight;
        if (firstInvalidOrdinal < 0) {
            firstInvalidOrdinal = other.firstInvalidOrdinal;
            firstInvalidWhere = other.firstInvalidWhere;
            firstInvalid = other.firstInvalid;
        }
    }

    void requireNoInvalid(String source) {
        if (firstInvalidOrdinal >= 0) {
            throw new InvalidRowException(source + ", " + firstInvalidWhere + ", column " + firstInvalid
                    + " (choose --invalid skip or --invalid impute to go on)");
        }
    }
}
