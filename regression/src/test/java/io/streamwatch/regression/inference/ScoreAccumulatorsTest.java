package io.streamwatch.regression.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streamed middles against their definitions computed over all rows at once: per-group sums renumbered
 * across parts, Newey-West's lagged products joined across parts of any length (empty, one row, shorter than
 * the window).
 */
class ScoreAccumulatorsTest {

    private static final int P = 3;

    private static double[][] scores(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] s = new double[n][P];
        for (double[] row : s) {
            for (int j = 0; j < P; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return s;
    }

    /** Cut points 0 = c_0 ≤ c_1 ≤ ... ≤ n, with repeats (empty parts) and neighbours (one-row parts). */
    private static List<int[]> parts(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> cuts = new ArrayList<>(List.of(0, n));
        for (int k = 0; k < 12; k++) {
            int at = random.nextInt(n + 1);
            cuts.add(at);
            cuts.add(Math.min(n, at + 1));
        }
        cuts.add(cuts.get(2));
        cuts.sort(null);
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k + 1 < cuts.size(); k++) {
            out.add(new int[] {cuts.get(k), cuts.get(k + 1)});
        }
        return out;
    }

    @Test
    void neweyWestMatchesItsDefinitionWhateverTheParts() {
        int n = 97;
        double[][] s = scores(n, 1);
        for (int lags : new int[] {0, 1, 2, 5, 13, 96, 200}) {
            double[][] expected = new double[P][P];
            for (int l = 0; l <= lags && l < n; l++) {
                double w = 1 - l / (lags + 1.0);
                for (int t = l; t < n; t++) {
                    for (int i = 0; i < P; i++) {
                        for (int j = 0; j < P; j++) {
                            double v = s[t][i] * s[t - l][j];
                            expected[i][j] += l == 0 ? v : w * v;
                            if (l > 0) {
                                expected[j][i] += w * v;
                            }
                        }
                    }
                }
            }
            for (long seed = 0; seed < 5; seed++) {
                HacScores total = null;
                for (int[] part : parts(n, seed)) {
                    HacScores h = new HacScores(P, lags);
                    for (int t = part[0]; t < part[1]; t++) {
                        h.add(s[t]);
                    }
                    if (total == null) {
                        total = h;
                    } else {
                        total.merge(h);
                    }
                }
                assertThat(total.rows()).isEqualTo(n);
                double[][] m = total.middle();
                for (int i = 0; i < P; i++) {
                    for (int j = 0; j < P; j++) {
                        assertThat(m[i][j]).as("lags %d, parts %d, (%d, %d)", lags, seed, i, j)
                                .isCloseTo(expected[i][j], within(1e-12 * n));
                    }
                }
            }
        }
    }

    @Test
    void clusterSumsMatchTheirDefinitionWhateverTheParts() {
        int n = 400;
        double[][] s = scores(n, 2);
        SplittableRandom random = new SplittableRandom(3);
        String[] firm = new String[n];
        double[] year = new double[n];
        for (int t = 0; t < n; t++) {
            firm[t] = "f" + random.nextInt(23);
            year[t] = 1990 + random.nextInt(9);
        }
        // By definition: sums per firm, per year, per (firm, year).
        java.util.Map<String, double[]> byFirm = new java.util.HashMap<>();
        java.util.Map<Double, double[]> byYear = new java.util.HashMap<>();
        java.util.Map<String, double[]> byPair = new java.util.HashMap<>();
        for (int t = 0; t < n; t++) {
            for (var e : List.of(byFirm.computeIfAbsent(firm[t], k -> new double[P]),
                    byYear.computeIfAbsent(year[t], k -> new double[P]),
                    byPair.computeIfAbsent(firm[t] + "/" + year[t], k -> new double[P]))) {
                for (int j = 0; j < P; j++) {
                    e[j] += s[t][j];
                }
            }
        }
        List<double[][]> expected = new ArrayList<>();
        for (var sums : List.of(byFirm.values(), byYear.values(), byPair.values())) {
            double[][] m = new double[P][P];
            for (double[] g : sums) {
                for (int i = 0; i < P; i++) {
                    for (int j = 0; j < P; j++) {
                        m[i][j] += g[i] * g[j];
                    }
                }
            }
            expected.add(m);
        }
        for (long seed = 0; seed < 5; seed++) {
            ClusterScores total = null;
            for (int[] part : parts(n, seed)) {
                ClusterScores c = new ClusterScores(P, false, true);
                for (int t = part[0]; t < part[1]; t++) {
                    c.add(c.ids(0).of(firm[t]), c.ids(1).of(year[t]), s[t]);
                }
                if (total == null) {
                    total = c;
                } else {
                    total.merge(c);
                }
            }
            assertThat(total.groupCounts()).containsExactly((long) byFirm.size(), (long) byYear.size());
            assertThat(total.intersections()).isEqualTo(byPair.size());
            List<ClusterScores.Middle> middles = total.middles();
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < P; i++) {
                    for (int j = 0; j < P; j++) {
                        assertThat(middles.get(k).matrix()[i][j]).isCloseTo(expected.get(k)[i][j], within(1e-10));
                    }
                }
            }
        }
    }

    @Test
    void groupIdsAreNumberedInOrderOfFirstAppearanceAcrossParts() {
        GroupIds first = new GroupIds(true);
        assertThat(first.of(1935)).isZero();
        assertThat(first.of(1936.0)).isEqualTo(1);
        assertThat(first.of(1935.0)).isZero();
        assertThat(first.of(-0.0)).isEqualTo(first.of(0.0)).isEqualTo(2);
        GroupIds second = new GroupIds(true);
        second.of(7);
        second.of(1936);
        assertThat(first.absorb(second)).containsExactly(3, 1);
        assertThat(first.size()).isEqualTo(4);
        GroupIds text = new GroupIds(false);
        assertThat(text.of("IBM")).isZero();
        assertThat(text.of("GM")).isEqualTo(1);
        assertThat(text.of("IBM")).isZero();
    }
}
