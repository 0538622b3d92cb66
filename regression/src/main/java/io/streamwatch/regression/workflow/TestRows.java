package io.streamwatch.regression.workflow;

import java.util.Optional;

/**
 * Receives the test rows a fit used — the split-off test part, or every usable row of a separate test file —
 * in input order, with the fitted model's prediction: what {@code fit --test-output} prints. Rows left out
 * as invalid, with a null label or with weight 0 are not test rows used, and do not come.
 */
public interface TestRows {

    /** No one listens: the fit makes no pass for them. */
    TestRows NONE = new TestRows() {
        @Override
        public void begin(String label, Optional<String> weight) {
        }

        @Override
        public void row(long ordinal, String label, double prediction, double residual, String weight) {
        }
    };

    /**
     * The rows begin; called again if the reader starts over (the rows so far are then void).
     *
     * @param label  the label column's name
     * @param weight the weight column's name, for a weighted fit
     */
    void begin(String label, Optional<String> weight);

    /**
     * One test row used.
     *
     * @param ordinal    the data row's ordinal in its file, 1-based, header excluded
     * @param label      the label as written
     * @param prediction the model's prediction
     * @param residual   label − prediction
     * @param weight     the weight as written (or the imputed one), null for an unweighted fit
     */
    void row(long ordinal, String label, double prediction, double residual, String weight);
}
