package io.streamwatch.regression.design;

/** What to do at predict time with a categorical value the model never saw in training. */
public enum UnseenLevelPolicy {
    /** Refuse the row (it is reported, not predicted). */
    ERROR,
    /** Encode it as the reference (dropped first) level: all its indicator columns are 0. */
    REFERENCE
}
