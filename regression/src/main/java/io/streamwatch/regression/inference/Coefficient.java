package io.streamwatch.regression.inference;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One fitted coefficient with its inference.
 *
 * @param name          feature name, {@code (Intercept)} for the intercept
 * @param estimate      the least-squares estimate
 * @param standardError its standard error
 * @param tValue        estimate / standard error
 * @param pValue        two-sided p value of the t test against 0
 * @param lower95       lower end of the 95 % confidence interval
 * @param upper95       upper end of the 95 % confidence interval
 * @param vif           the column's variance inflation factor; null for the intercept and for regularized fits
 */
public record Coefficient(String name, double estimate, double standardError, double tValue, double pValue,
                          double lower95, double upper95, @JsonInclude(JsonInclude.Include.NON_NULL) Double vif) {

    /** Without a variance inflation factor. */
    public Coefficient(String name, double estimate, double standardError, double tValue, double pValue,
                       double lower95, double upper95) {
        this(name, estimate, standardError, tValue, pValue, lower95, upper95, null);
    }
}
