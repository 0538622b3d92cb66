package io.streamwatch.regression.workflow;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a fit's inference needs beyond its covariance type: the grouping columns of {@code --cov cluster}
 * ({@code --groups}: one, or two for two-way clustering), the lags of {@code --cov HAC} ({@code --maxlags}),
 * and the joint hypotheses to test ({@code --hypothesis}, statsmodels' string syntax, each one F test).
 */
public record InferenceOptions(List<String> groups, OptionalInt maxLags, List<String> hypotheses) {

    /** Nothing beyond the covariance type. */
    public static final InferenceOptions NONE = new InferenceOptions(List.of(), OptionalInt.empty(), List.of());

    public InferenceOptions {
        groups = List.copyOf(groups);
        hypotheses = List.copyOf(hypotheses);
        if (groups.size() > 2) {
            throw new IllegalArgumentException("--groups takes one column (one-way clustering) or two (two-way), not "
                    + groups.size() + ": " + String.join(",", groups));
        }
        if (new HashSet<>(groups).size() < groups.size()) {
            throw new IllegalArgumentException("--groups lists '" + groups.get(0) + "' twice; two-way clustering "
                    + "needs two different columns");
        }
        if (maxLags.isPresent() && maxLags.getAsInt() < 0) {
            throw new IllegalArgumentException("--maxlags must be >= 0, got " + maxLags.getAsInt());
        }
        for (String h : hypotheses) {
            if (h.isBlank()) {
                throw new IllegalArgumentException("--hypothesis is empty; write restrictions such as 'x1 = x2' or "
                        + "'x1 = 0, x2 = 0'");
            }
        }
    }
}
