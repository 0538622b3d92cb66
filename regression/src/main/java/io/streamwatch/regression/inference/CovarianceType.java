package io.streamwatch.regression.inference;

/**
 * The coefficients' covariance, by statsmodels' names and formulas: the classical σ²(X'X)⁻¹, or a sandwich
 * (X'X)⁻¹ M (X'X)⁻¹: heteroskedasticity-consistent, M = X' diag(ω) X (White 1980; MacKinnon and White 1985),
 * with e the residuals and h the leverages (the diagonal of the hat matrix); cluster-robust, M = Σ_g s_g s_g'
 * over the groups' score sums (one-way, or Cameron, Gelbach and Miller's two-way); or Newey and West's
 * heteroskedasticity- and autocorrelation-consistent (HAC) M.
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
    HC3("HC3"),
    /**
     * Cluster-robust: G/(G - 1) (n - 1)/(n - p) (X'X)⁻¹ Σ_g s_g s_g' (X'X)⁻¹ with s_g the sum of x e over
     * group g; two-way, the sum of the two one-way ones less the one of their intersections, each with its own
     * G. F tests with G - 1 denominator degrees of freedom (two-way: the smaller G).
     */
    CLUSTER("cluster"),
    /** Newey-West: Bartlett weights 1 - l/(L + 1) up to lag L, rows in input order, no small-sample correction. */
    HAC("HAC");

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

    /** Whether it is one of HC0..HC3: ω per row. */
    public boolean heteroskedasticityConsistent() {
        return this == HC0 || this == HC1 || this == HC2 || this == HC3;
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
        throw new IllegalArgumentException("unknown covariance '" + name + "'; choose nonrobust, HC0, HC1, HC2, HC3, "
                + "cluster or HAC");
    }
}
