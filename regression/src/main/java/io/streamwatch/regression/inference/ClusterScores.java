package io.streamwatch.regression.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The score sums of a cluster-robust covariance, one part of a pass: for each group of each grouping
 * dimension, {@code s_g = Σ_{i in g} x_i e_i} (whitened rows and residuals in a weighted fit); with two
 * dimensions also for each pair of groups that occurs (their intersection), as Cameron, Gelbach and Miller's
 * two-way covariance needs. Memory: O((G_1 + G_2 + G_12) p), not a row more. Parts merge in input order
 * ({@link #merge}), so the groups are numbered as one reading of the input would number them; the sums are the
 * same whatever the parts' boundaries, to rounding.
 */
public final class ClusterScores implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final int p;
    private final GroupIds[] ids;
    private final Sums[] sums;
    /** Two-way: the pairs that occur, by (id in dimension 0) << 32 | (id in dimension 1). */
    private final LongIntMap pairIds;
    private int[] pairFirst = new int[16];
    private int[] pairSecond = new int[16];
    private final Sums pairSums;
    private int pairs;
    private int lastPair = -1;
    private long lastPairKey;

    /**
     * @param p       the score's length (the design's width)
     * @param numeric per grouping dimension (one or two), whether its column holds numbers
     */
    public ClusterScores(int p, boolean... numeric) {
        if (numeric.length < 1 || numeric.length > 2) {
            throw new IllegalArgumentException("one or two grouping columns, not " + numeric.length);
        }
        this.p = p;
        this.ids = new GroupIds[numeric.length];
        this.sums = new Sums[numeric.length];
        for (int d = 0; d < numeric.length; d++) {
            ids[d] = new GroupIds(numeric[d]);
            sums[d] = new Sums(p);
        }
        this.pairIds = numeric.length == 2 ? new LongIntMap() : null;
        this.pairSums = numeric.length == 2 ? new Sums(p) : null;
    }

    /** The ids of dimension {@code d}'s values: look a row's group up there, then {@link #add}. */
    public GroupIds ids(int d) {
        return ids[d];
    }

    public int dimensions() {
        return ids.length;
    }

    /**
     * One row's score.
     *
     * @param g0 its group's id in dimension 0
     * @param g1 its group's id in dimension 1 (ignored with one dimension)
     */
    public void add(int g0, int g1, double[] score) {
        sums[0].add(g0, score);
        if (ids.length == 2) {
            sums[1].add(g1, score);
            pairSums.add(pair(g0, g1), score);
        }
    }

    private int pair(int g0, int g1) {
        long key = ((long) g0 << 32) | (g1 & 0xFFFFFFFFL);
        if (lastPair >= 0 && key == lastPairKey) {
            return lastPair;
        }
        int id = pairIds.get(key);
        if (id < 0) {
            id = pairs++;
            pairIds.put(key, id);
            if (id == pairFirst.length) {
                pairFirst = Arrays.copyOf(pairFirst, 2 * id);
                pairSecond = Arrays.copyOf(pairSecond, 2 * id);
            }
            pairFirst[id] = g0;
            pairSecond[id] = g1;
        }
        lastPairKey = key;
        lastPair = id;
        return id;
    }

    /** Adds the part that follows this one in input order. */
    public void merge(ClusterScores next) {
        int[][] maps = new int[ids.length][];
        for (int d = 0; d < ids.length; d++) {
            maps[d] = ids[d].absorb(next.ids[d]);
            sums[d].merge(next.sums[d], maps[d]);
        }
        if (ids.length == 2) {
            int[] pairMap = new int[next.pairs];
            for (int k = 0; k < next.pairs; k++) {
                pairMap[k] = pair(maps[0][next.pairFirst[k]], maps[1][next.pairSecond[k]]);
            }
            pairSums.merge(next.pairSums, pairMap);
            lastPair = -1;
        }
    }

    /** Groups per dimension. */
    public List<Long> groupCounts() {
        List<Long> counts = new ArrayList<>();
        for (GroupIds d : ids) {
            counts.add((long) d.size());
        }
        return counts;
    }

    /** Pairs of groups that occur (two-way), 0 for one dimension. */
    public long intersections() {
        return pairs;
    }

    /**
     * The middles {@code Σ_g s_g s_g'} (p × p, full), with the number of groups each sums over: one per
     * dimension, then, for two dimensions, the intersections'.
     */
    public List<Middle> middles() {
        List<Middle> out = new ArrayList<>();
        for (int d = 0; d < ids.length; d++) {
            out.add(new Middle(sums[d].outer(ids[d].size()), ids[d].size()));
        }
        if (ids.length == 2) {
            out.add(new Middle(pairSums.outer(pairs), pairs));
        }
        return out;
    }

    /** A middle of the sandwich and the number of groups it sums over (for G/(G - 1)). */
    public record Middle(double[][] matrix, long groups) {
    }

    /**
     * Per-group sums of p values, group after group, in pages of {@link #PAGE} groups: growing adds a page
     * instead of copying one ever larger array (large arrays churn the collector's big-object regions).
     */
    private static final class Sums implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private static final int PAGE = 1024;
        private final int p;
        private double[][] pages = new double[4][];

        Sums(int p) {
            this.p = p;
        }

        private double[] page(int g) {
            int k = g / PAGE;
            if (k >= pages.length) {
                pages = Arrays.copyOf(pages, Math.max(2 * pages.length, k + 1));
            }
            if (pages[k] == null) {
                pages[k] = new double[PAGE * p];
            }
            return pages[k];
        }

        void add(int g, double[] score) {
            double[] page = page(g);
            int base = (g % PAGE) * p;
            for (int j = 0; j < p; j++) {
                page[base + j] += score[j];
            }
        }

        void merge(Sums next, int[] map) {
            for (int g = 0; g < map.length; g++) {
                double[] from = next.pages[g / PAGE];
                double[] to = page(map[g]);
                int a = (g % PAGE) * p;
                int b = (map[g] % PAGE) * p;
                for (int j = 0; j < p; j++) {
                    to[b + j] += from[a + j];
                }
            }
        }

        double[][] outer(int groups) {
            double[][] m = new double[p][p];
            for (int g = 0; g < groups; g++) {
                double[] page = pages[g / PAGE];
                int base = (g % PAGE) * p;
                for (int i = 0; i < p; i++) {
                    double si = page[base + i];
                    for (int j = i; j < p; j++) {
                        m[i][j] += si * page[base + j];
                    }
                }
            }
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < i; j++) {
                    m[i][j] = m[j][i];
                }
            }
            return m;
        }
    }
}
