package io.streamwatch.regression.spark;

import io.streamwatch.regression.design.Formula;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.CovarianceType;
import io.streamwatch.regression.solve.ElasticNet;
import io.streamwatch.regression.workflow.WorkflowOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The model options of the CLI's {@code fit}, with the same names, defaults and meaning: what to fit and how.
 * A picocli mixin of {@link SparkFit}, and what {@link SparkRegression#fit(org.apache.spark.sql.Dataset, List)}
 * parses.
 */
final class ModelOptions {

    @Option(names = "--label", description = "The numeric column to predict.")
    String label;

    @Option(names = "--features", split = ",", description = "Feature columns, comma-separated.")
    List<String> features;

    @Option(names = "--formula", description = "The model as a formula instead of --label and --features, e.g. "
            + "\"LoanAmount ~ ApplicantIncome * C(Property_Area) + I(ApplicantIncome^2)\".")
    String formula;

    @Option(names = "--no-intercept", description = "Fit without an intercept.")
    boolean noIntercept;

    @Option(names = "--invalid", defaultValue = "error",
            description = "Rows with a null or unusable value: error, skip or impute nulls (default ${DEFAULT-VALUE}).")
    InvalidPolicy invalid;

    @Option(names = "--unseen-levels", defaultValue = "error",
            description = "Test rows with a category unseen in training: error (skip the row) or reference "
                    + "(default ${DEFAULT-VALUE}).")
    UnseenLevelPolicy unseen;

    @Option(names = "--train-fraction", defaultValue = "0.7",
            description = "Training share of the random split (default ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random split (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cov", defaultValue = "nonrobust",
            description = "Covariance of the coefficients: nonrobust, HC0, HC1, HC2 or HC3 (default ${DEFAULT-VALUE}).")
    CovarianceType covariance;

    @Option(names = "--weight", description = "Column of row weights: weighted least squares.")
    String weight;

    @Option(names = "--reg-param", defaultValue = "0", description = "Regularization strength, Spark's regParam "
            + "(default ${DEFAULT-VALUE}: least squares).")
    double regParam;

    @Option(names = "--elastic-net", defaultValue = "0",
            description = "Elastic-net mixing, Spark's elasticNetParam: 0 ridge, 1 lasso (default ${DEFAULT-VALUE}).")
    double elasticNet;

    @Option(names = "--no-standardization", description = "Penalize the coefficients as they are (Spark's "
            + "standardization=false).")
    boolean noStandardization;

    /**
     * The workflow's options, a formula read against {@code columns}.
     *
     * @throws IllegalArgumentException when neither or both of --formula and --label/--features are given, a
     *                                  feature is listed twice, or the formula is malformed
     */
    WorkflowOptions workflowOptions(List<String> columns) {
        Optional<String> weightColumn = Optional.ofNullable(weight);
        WorkflowOptions base;
        if (formula != null) {
            if (label != null || features != null || noIntercept) {
                throw new IllegalArgumentException("--formula replaces --label, --features and --no-intercept; "
                        + "give one or the other");
            }
            base = WorkflowOptions.of(Formula.parse(formula, columns, weightColumn), invalid, unseen, trainFraction,
                    seed, covariance, weightColumn);
        } else {
            if (label == null || features == null) {
                throw new IllegalArgumentException("give --label and --features, or --formula");
            }
            Set<String> seen = new HashSet<>();
            for (String feature : features) {
                if (!seen.add(feature)) {
                    throw new IllegalArgumentException("--features lists '" + feature + "' twice; list each "
                            + "feature once");
                }
            }
            base = new WorkflowOptions(label, features, !noIntercept, invalid, unseen, trainFraction, seed,
                    covariance, weightColumn);
        }
        return base.withPenalty(new ElasticNet.Penalty(regParam, elasticNet, !noStandardization));
    }
}
