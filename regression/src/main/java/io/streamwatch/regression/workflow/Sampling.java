package io.streamwatch.regression.workflow;

import io.streamwatch.regression.design.RowSplit;

/** Which rows' residuals and points are kept: deterministic by line, rates set from the row counts. */
record Sampling(double trainResiduals, double testResiduals, double trainPoints, double testPoints) implements java.io.Serializable {

    private static final long QUARTILE_SALT = 0x51A7E5L;
    private static final long PLOT_SALT = 0x9107L;

    Sampling(long usedTraining, long usedTest) {
        this(rate(RegressionWorkflow.QUARTILE_SAMPLE, usedTraining), rate(RegressionWorkflow.QUARTILE_SAMPLE, usedTest),
                rate(RegressionWorkflow.PLOT_POINTS, usedTraining), rate(RegressionWorkflow.PLOT_POINTS, usedTest));
    }

    private static double rate(int keep, long rows) {
        return rows <= keep ? 1.0 : keep / (double) rows;
    }

    boolean keepResidual(long line, boolean test) {
        double rate = test ? testResiduals : trainResiduals;
        return rate == 1.0 || RowSplit.uniform(QUARTILE_SALT, line) < rate;
    }

    boolean keepPoint(long line, boolean test) {
        double rate = test ? testPoints : trainPoints;
        return rate == 1.0 || RowSplit.uniform(PLOT_SALT, line) < rate;
    }
}
