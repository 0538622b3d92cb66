package io.streamwatch.regression.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResidualDiagnosticsTest {

    @Test
    void matchesTheDefinitionsOnASmallSeries() {
        // r = 1, -1, 2, -2: mean 0, m2 = 10/4, m3 = 0, m4 = 34/4; DW = (4 + 9 + 16) / 10.
        ResidualDiagnostics d = new ResidualDiagnostics();
        for (double r : new double[] {1, -1, 2, -2}) {
            d.add(r);
        }
        Diagnostics result = d.diagnostics(1);
        assertThat(result.skew()).isCloseTo(0, within(1e-15));
        assertThat(result.kurtosis()).isCloseTo((34 / 4.0) / (2.5 * 2.5), within(1e-14));
        assertThat(result.durbinWatson()).isCloseTo(2.9, within(1e-15));
        assertThat(result.jarqueBera()).isCloseTo(4 / 6.0 * Math.pow(result.kurtosis() - 3, 2) / 4, within(1e-14));
        assertThat(result.jarqueBeraP()).isCloseTo(Math.exp(-result.jarqueBera() / 2), within(1e-15));
    }

    @Test
    void partsMergedInFileOrderGiveTheSequentialAnswerWhereverTheyAreCut() {
        SplittableRandom random = new SplittableRandom(8);
        double[] residuals = new double[1_000];
        for (int i = 0; i < residuals.length; i++) {
            // Skewed and far from zero on purpose: the merge must not lose the higher moments.
            residuals[i] = 1e3 + Math.exp(random.nextGaussian());
        }
        ResidualDiagnostics whole = new ResidualDiagnostics();
        for (double r : residuals) {
            whole.add(r);
        }
        Diagnostics expected = whole.diagnostics(1);
        for (int[] cuts : new int[][] {{1}, {500}, {3, 4, 999}, {100, 200, 300, 700}}) {
            ResidualDiagnostics merged = new ResidualDiagnostics();
            int from = 0;
            for (int k = 0; k <= cuts.length; k++) {
                int to = k < cuts.length ? cuts[k] : residuals.length;
                ResidualDiagnostics part = new ResidualDiagnostics();
                for (int i = from; i < to; i++) {
                    part.add(residuals[i]);
                }
                merged.merge(part);
                from = to;
            }
            Diagnostics actual = merged.diagnostics(1);
            assertThat(actual.skew()).isCloseTo(expected.skew(), within(1e-9));
            assertThat(actual.kurtosis()).isCloseTo(expected.kurtosis(), within(1e-8));
            assertThat(actual.durbinWatson()).isCloseTo(expected.durbinWatson(), within(1e-12));
            assertThat(actual.omnibus()).isCloseTo(expected.omnibus(), within(1e-7));
        }
    }
}
