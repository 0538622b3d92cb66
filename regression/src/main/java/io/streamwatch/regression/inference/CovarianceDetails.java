package io.streamwatch.regression.inference;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The covariance a fit's inference uses, with what the clustered and HAC ones need to be read: the grouping
 * columns and how many groups each has (and pairs of groups that occur, two-way), or the HAC lags.
 *
 * @param groups        the grouping columns of a cluster covariance (one or two); empty otherwise
 * @param groupCounts   groups per grouping column
 * @param intersections two-way: the pairs of groups that occur (the intersection clusters); null otherwise
 * @param maxLags       HAC: the Bartlett kernel's highest lag; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CovarianceDetails(@JsonIgnore CovarianceType type, List<String> groups, List<Long> groupCounts,
                                Long intersections, Integer maxLags) {

    public CovarianceDetails {
        Objects.requireNonNull(type, "type");
        groups = List.copyOf(groups);
        groupCounts = List.copyOf(groupCounts);
    }

    /** The classical or a heteroskedasticity-consistent covariance: nothing beyond the type. */
    public static CovarianceDetails of(CovarianceType type) {
        return new CovarianceDetails(type, List.of(), List.of(), null, null);
    }

    /**
     * The denominator degrees of freedom of F tests (the model's and {@code --hypothesis}), as statsmodels'
     * {@code df_resid_inference}: G - 1 under clustering (two-way: the smaller G - 1), the residual degrees of
     * freedom otherwise.
     */
    public long dfDenominator(long dfResidual) {
        return type == CovarianceType.CLUSTER
                ? groupCounts.stream().mapToLong(Long::longValue).min().orElseThrow() - 1 : dfResidual;
    }
}
