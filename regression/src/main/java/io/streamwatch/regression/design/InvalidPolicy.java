package io.streamwatch.regression.design;

/** What to do with a row whose feature value is null or not usable (Spark's {@code handleInvalid}). */
public enum InvalidPolicy {
    /** Stop with an error naming the first bad row and column. */
    ERROR,
    /** Leave the row out and count it. */
    SKIP,
    /** Replace the value with the training part's mean (numeric) or mode (categorical). */
    IMPUTE
}
