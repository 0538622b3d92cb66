package io.streamwatch.regression.design;

/**
 * The seeded train/test split as a pure function of (seed, data-row ordinal): a row goes to training when a
 * hash of the two, read as a uniform number in [0, 1), is below the training fraction. No state and no
 * order, so a parallel reader, a sequential one and an in-memory table split a file the same way, on any
 * JVM. The hash is SplitMix64's finalizer (Steele, Lea and Flood, 2014), a fixed, published function.
 */
public record RowSplit(double trainFraction, long seed) implements java.io.Serializable {

    /** Every row trains (a separate test file, or {@code --train-fraction 1}). */
    public static final RowSplit ALL_TRAINING = new RowSplit(1.0, 0);

    /** @throws IllegalArgumentException unless {@code 0 < trainFraction <= 1} */
    public RowSplit {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("the training fraction must be in (0, 1], got " + trainFraction);
        }
    }

    /**
     * Whether the data row with this ordinal (1-based, header excluded, counted as records) trains. The hash's
     * key is {@code ordinal + 1}: the row's line number in a file of one line per record, as the key was
     * before records were counted, so such files split as they always did.
     */
    public boolean isTraining(long ordinal) {
        return trainFraction == 1.0 || uniform(seed, ordinal + 1) < trainFraction;
    }

    /** A uniform number in [0, 1) from (seed, key), the same everywhere. */
    public static double uniform(long seed, long key) {
        return (mix(seed ^ mix(key + 0x9E3779B97F4A7C15L)) >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
