package io.streamwatch.regression.cli;

import io.streamwatch.regression.design.Formula;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.CovarianceType;
import io.streamwatch.regression.solve.ElasticNet;
import io.streamwatch.regression.workflow.InferenceOptions;
import io.streamwatch.regression.workflow.WorkflowOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * What to fit and how — the model options of {@code fit}, a picocli mixin that the Spark module's
 * {@code SparkFit} mixes in too, so that both take the same options with the same names, defaults and
 * meaning. Not thread-safe (picocli fills it).
 */
public final class ModelOptions {

    @Option(names = "--label", description = "The numeric column to predict.")
    String label;

    @Option(names = "--features", split = ",", description = "Feature columns, comma-separated.")
    List<String> features;

    @Option(names = "--formula", description = "The model as a formula instead of --label and --features, e.g. "
            + "\"LoanAmount ~ ApplicantIncome * C(Property_Area) + I(ApplicantIncome^2)\": + - : * . C() I(x^k) "
            + "- 1 (see the README).")
    String formula;

    @Option(names = "--no-intercept", description = "Fit without an intercept.")
    boolean noIntercept;

    @Option(names = "--invalid", defaultValue = "error",
            description = "Rows with a null or unusable value (not a finite number in a numeric column): error, "
                    + "skip or impute nulls (default ${DEFAULT-VALUE}).")
    InvalidPolicy invalid;

    @Option(names = "--unseen-levels", defaultValue = "error",
            description = "Test/predict rows with a category unseen in training: error (skip the row) or "
                    + "reference (encode as the first level) (default ${DEFAULT-VALUE}).")
    UnseenLevelPolicy unseen;

    @Option(names = "--train-fraction", defaultValue = "0.7", description = "Training share of the random split (default ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random split (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cov", defaultValue = "nonrobust",
            description = "Covariance of the coefficients: nonrobust, HC0, HC1, HC2, HC3, cluster (with --groups) "
                    + "or HAC (with --maxlags) (statsmodels' names and definitions; default ${DEFAULT-VALUE}). "
                    + "Standard errors, z/t, p, intervals, the F test and --hypothesis follow it.")
    CovarianceType covariance;

    @Option(names = "--groups", split = ",", paramLabel = "COL",
            description = "The clusters of --cov cluster: one column (one-way), or two (two-way, Cameron-Gelbach-"
                    + "Miller), e.g. --groups firm,year. Memory grows with the groups (and, two-way, the pairs of "
                    + "groups that occur), not with the rows.")
    List<String> groups;

    @Option(names = "--maxlags", paramLabel = "L",
            description = "The Newey-West window of --cov HAC: Bartlett weights 1 - l/(L+1) up to lag L, training "
                    + "rows in file order.")
    Integer maxLags;

    @Option(names = "--hypothesis", paramLabel = "EXPR[, EXPR...]",
            description = "A joint F test of linear restrictions under --cov, in statsmodels' f_test syntax over the "
                    + "design's column names: \"value = capital\", \"value = 0, capital = 0\", \"2*x1 - x3 = 1\" "
                    + "(Intercept for the intercept). Repeatable: one test each.")
    List<String> hypotheses;

    @Option(names = "--weight", description = "Column of row weights: weighted least squares (Spark's weightCol, "
            + "statsmodels' WLS). Weights must be >= 0; rows with weight 0 are not used; null or non-finite "
            + "weights follow --invalid.")
    String weight;

    @Option(names = "--reg-param", defaultValue = "0", description = "Regularization strength, Spark's regParam "
            + "(default ${DEFAULT-VALUE}: least squares).")
    double regParam;

    @Option(names = "--elastic-net", defaultValue = "0", description = "Elastic-net mixing, Spark's "
            + "elasticNetParam: 0 ridge, 1 lasso (default ${DEFAULT-VALUE}).")
    double elasticNet;

    @Option(names = "--no-standardization", description = "Penalize the coefficients as they are, not those of "
            + "standardized features (Spark's standardization=false).")
    boolean noStandardization;

    /** A combination of options that cannot be fitted: a usage error, with what to give instead. */
    public static final class Misuse extends IllegalArgumentException {
        Misuse(String message) {
            super(message);
        }
    }

    /**
     * The workflow's options.
     *
     * @param columns the input's column names, read only for a formula
     * @throws Misuse                   when neither or both of --formula and --label/--features are given
     * @throws IllegalArgumentException when a feature is listed twice, a formula is malformed, or the
     *                                  covariance lacks what it needs (--groups, --maxlags)
     */
    public WorkflowOptions workflowOptions(Supplier<List<String>> columns) {
        Optional<String> weightColumn = Optional.ofNullable(weight);
        WorkflowOptions base;
        if (formula != null) {
            if (label != null || features != null || noIntercept) {
                throw new Misuse("--formula replaces --label, --features and --no-intercept; give one or the other");
            }
            Formula parsed = Formula.parse(formula, columns.get(), weightColumn);
            base = WorkflowOptions.of(parsed, invalid, unseen, trainFraction, seed, CovarianceType.NONROBUST,
                    weightColumn);
        } else {
            if (label == null || features == null) {
                throw new Misuse("give --label and --features, or --formula");
            }
            Set<String> seen = new HashSet<>();
            for (String feature : features) {
                if (!seen.add(feature)) {
                    throw new IllegalArgumentException("--features lists '" + feature + "' twice; list each feature "
                            + "once");
                }
            }
            base = new WorkflowOptions(label, features, !noIntercept, invalid, unseen, trainFraction, seed,
                    CovarianceType.NONROBUST, weightColumn);
        }
        return base.withPenalty(new ElasticNet.Penalty(regParam, elasticNet, !noStandardization))
                .withCovariance(covariance, new InferenceOptions(groups == null ? List.of() : groups,
                        maxLags == null ? OptionalInt.empty() : OptionalInt.of(maxLags),
                        hypotheses == null ? List.of() : hypotheses));
    }
}
