package io.streamwatch.regression.inference;

/**
 * The coefficients' covariance, by statsmodels' names and formulas: the classical σ²(X'X)⁻¹, or a
 * heteroskedasticity-consistent sandwich (X'X)⁻¹ X' diag(ω) X (X'X)⁻¹ (White 1980; MacKinnon and White
 * 1985), with e the residuals and h the leverages (the diagonal of the hat matrix).
 */
public enum CovarianceType {
    /** σ²(X'X)⁻¹: right when the errors have one variance. */
    NONROBUST("nonrobust"),
    /** ω = e². */
    HC0("HC0"),
    /** HC0 × n/(n - p). */
    HC1("HC1"),
    /** ω = e²/(1 - h). */
    HC2("HC2"),
    /** ω = e²/(1 - h)², the jackknife-like choice for small samples. */
    HC3("HC3");

    private final String label;

    CovarianceType(String label) {
        this.label = label;
    }

    /** statsmodels' name. */
    public String label() {
        return label;
    }

    public boolean robust() {
        return this != NONROBUST;
    }

    /** Whether ω needs the leverages. */
    public boolean needsLeverage() {
        return this == HC2 || this == HC3;
    }

    /** ω for a residual and its leverage. */
    public double weight(double residual, double leverage) {
        double e2 = residual * residual;
        return switch (this) {
            case HC2 -> e2 / (1 - leverage);
            case HC3 -> e2 / ((1 - leverage) * (1 - leverage));
            default -> e2;
        };
    }

    /** Parses statsmodels' names, case-insensitively. */
    public static CovarianceType parse(String name) {
        for (CovarianceType t : values()) {
            if (t.label.equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown covariance '" + name + "'; choose nonrobust, HC0, HC1, HC2 or HC3");
    }
}
