package io.streamwatch.regression.model;

import java.util.SplittableRandom;

/**
 * A seeded random split: row i goes to training when the i-th draw of {@link SplittableRandom}(seed) is
 * below the fraction. SplittableRandom's algorithm is fixed by its specification, so the same seed gives
 * the same split on every JVM and platform.
 */
public final class TrainTestSplit {

    private TrainTestSplit() {
    }

    public static boolean[] trainingMask(int rows, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("the training fraction must be in (0, 1], got " + trainFraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] train = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            train[i] = random.nextDouble() < trainFraction;
        }
        return train;
    }
}
