package io.streamwatch.regression.workflow;

/**
 * Receives each training row a fit used, in input order, with its influence measures as statsmodels'
 * {@code OLSInfluence.summary_frame()} defines them: what {@code fit --influence} writes. For a weighted fit
 * they are those of the whitened model ({@code √w y} on {@code √w X}), as statsmodels defines a WLS fit's
 * covariances and diagnostics.
 */
public interface InfluenceRows {

    /** No one listens: the fit makes no pass for them. */
    InfluenceRows NONE = new InfluenceRows() {
        @Override
        public void begin() {
        }

        @Override
        public void row(long ordinal, double hat, double standardResid, double studentResid, double cooksD,
                        double dffits) {
        }
    };

    /** The rows begin; called again if the reader starts over (the rows so far are then void). */
    void begin();

    /**
     * One training row used.
     *
     * @param ordinal       the data row's ordinal in its file, 1-based, header excluded
     * @param hat           its leverage, the hat matrix's diagonal {@code h = x'(X'X)⁻¹x}
     * @param standardResid {@code e / (s √(1 - h))}, s² = RSS / (n - p) (internally studentized)
     * @param studentResid  {@code e / (s₍ᵢ₎ √(1 - h))}, s₍ᵢ₎² = (RSS - e²/(1 - h)) / (n - p - 1), the residual
     *                      variance without the row (externally studentized)
     * @param cooksD        Cook's distance, {@code standardResid² h / ((1 - h) p)}
     * @param dffits        {@code studentResid √(h / (1 - h))}
     */
    void row(long ordinal, double hat, double standardResid, double studentResid, double cooksD, double dffits);

    /**
     * Whether rows may come as CSV text formatted on the reading threads instead of one {@link #row} call each
     * ({@link #lines}): formatting millions of doubles is the pass's biggest cost, and a part's threads can
     * share it.
     */
    default boolean acceptsLines() {
        return false;
    }

    /**
     * Consecutive training rows, in input order, as CSV lines: {@code row,hat_diag,standard_resid,
     * student_resid,cooks_d,dffits}, each number as {@link Double#toString} writes it, each line ending in
     * {@code \n}. Only when {@link #acceptsLines}.
     */
    default void lines(CharSequence block) {
        throw new UnsupportedOperationException("rows as lines were not asked for");
    }
}
