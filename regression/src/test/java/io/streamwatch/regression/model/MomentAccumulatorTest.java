package io.streamwatch.regression.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MomentAccumulatorTest {

    @Test
    void chunksMergedInAnyGroupingGiveTheSameMomentsAsOnePass() {
        SplittableRandom random = new SplittableRandom(9);
        double[][] rows = new double[10_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {1e8 + random.nextDouble(), random.nextGaussian() * 3, random.nextInt(10)};
        }
        MomentAccumulator whole = new MomentAccumulator(3, true);
        MomentAccumulator left = new MomentAccumulator(3, true);
        MomentAccumulator right = new MomentAccumulator(3, true);
        for (int i = 0; i < rows.length; i++) {
            whole.add(rows[i]);
            (i < 3_333 ? left : right).add(rows[i]);
        }
        left.merge(right);
        assertThat(left.count()).isEqualTo(10_000);
        for (int i = 0; i < 3; i++) {
            assertThat(left.mean(i)).isCloseTo(whole.mean(i), within(1e-9 * Math.abs(whole.mean(i)) + 1e-12));
            for (int j = 0; j < 3; j++) {
                // Off-diagonal terms are judged on their natural scale, sqrt(M_ii M_jj).
                double scale = Math.sqrt(whole.moment(i, i) * whole.moment(j, j));
                assertThat(left.moment(i, j)).isCloseTo(whole.moment(i, j), within(1e-9 * scale));
            }
        }
    }

    @Test
    void keepsTheVarianceOfDataFarFromTheOrigin() {
        // Values 1e9 + {0, 1, 2, 3}: raw sums of squares (1e18) would lose the variance (5) entirely.
        MomentAccumulator acc = new MomentAccumulator(1, true);
        for (int rep = 0; rep < 5_000; rep++) {
            for (int k = 0; k < 4; k++) {
                acc.add(new double[] {1e9 + k});
            }
        }
        assertThat(acc.moment(0, 0)).isCloseTo(5.0 * 5_000, within(1e-6));
        assertThat(acc.mean(0)).isEqualTo(1e9 + 1.5);
    }
}
