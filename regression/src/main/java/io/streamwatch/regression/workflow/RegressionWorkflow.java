package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.Column;
import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.DataTable;
import io.streamwatch.regression.data.Readers;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.data.Schema;
import io.streamwatch.regression.data.TableSource;
import io.streamwatch.regression.data.TableInput;
import io.streamwatch.regression.data.spill.SpillingSource;
import io.streamwatch.regression.design.EncoderFitter;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.InvalidRowException;
import io.streamwatch.regression.design.RowEncoder;
import io.streamwatch.regression.design.RowSplit;
import io.streamwatch.regression.inference.CovarianceDetails;
import io.streamwatch.regression.inference.CovarianceType;
import io.streamwatch.regression.inference.HypothesisTest;
import io.streamwatch.regression.inference.LinearHypothesis;
import io.streamwatch.regression.inference.MetricsAccumulator;
import io.streamwatch.regression.inference.OlsFit;
import io.streamwatch.regression.inference.RegressionMetrics;
import io.streamwatch.regression.solve.ElasticNet;
import io.streamwatch.regression.solve.Estimate;
import io.streamwatch.regression.solve.QrFit;
import io.streamwatch.regression.solve.StreamingQr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Spark MLlib linear-regression walkthrough as one call, on files of any size: one engine that
 * streams, so the answer never depends on the file's size or the heap. The protocol, all here:
 * <ol>
 *   <li>rows with a null label are dropped; every other row goes to training or test by
 *       {@link RowSplit} (seed, line number), or all to training when there is a separate test source;</li>
 *   <li>an encoding pass over the training rows learns levels and imputation means, when needed;</li>
 *   <li>a factor pass encodes rows under the invalid-value policy and accumulates the training rows'
 *       triangular factor by Householder QR ({@link StreamingQr});</li>
 *   <li>refinement passes ({@link QrFit}) correct the coefficients with residuals in double-double until
 *       the correction is at rounding level, and measure training and test errors.</li>
 * </ol>
 * Sources read their parts in parallel where they can; every merge is in input order.
 */
public final class RegressionWorkflow {

    /** Residuals kept for the quartiles: all of them up to this many rows (exact), a sample above. */
    public static final int QUARTILE_SAMPLE = 1 << 20;
    /** Points kept per part for plots. */
    public static final int PLOT_POINTS = 20_000;

    private RegressionWorkflow() {
    }

    /** Fits tables held in memory (the library's small-data entry point; same engine). */
    public static FitReport run(DataTable data, Optional<DataTable> separateTest, WorkflowOptions options) {
        List<String> columns = columns(options);
        return run(new TableSource(data, columns), separateTest.map(t -> new TableSource(t, columns)), options);
    }

    /**
     * Fits CSV files of any size. Plain numeric files are read by the parallel byte-range reader; anything
     * else (quotes, text columns) by the general CSV reader. Both give the same answer.
     *
     * @param threads  reader threads of the numeric reader
     * @param progress advanced by the bytes read, pass after pass
     */
    public static FitReport run(Path file, Optional<Path> separateTest, CsvOptions csv, WorkflowOptions options,
                                int threads, AtomicLong progress) {
        return run(file, separateTest, csv, options, threads, progress, TestRows.NONE);
    }

    /** The same, handing the test rows used to {@code testRows} in file order (one more pass). */
    public static FitReport run(Path file, Optional<Path> separateTest, CsvOptions csv, WorkflowOptions options,
                                int threads, AtomicLong progress, TestRows testRows) {
        return run(file, separateTest, csv, options, threads, progress, testRows, InfluenceRows.NONE);
    }

    /**
     * The same, handing the test rows used to {@code testRows} and the training rows' influence measures to
     * {@code influence}, each in file order (one more pass each).
     */
    public static FitReport run(Path file, Optional<Path> separateTest, CsvOptions csv, WorkflowOptions options,
                                int threads, AtomicLong progress, TestRows testRows, InfluenceRows influence) {
        try (TableInput training = TableInput.local(file);
             TableInput test = separateTest.map(TableInput::local).orElse(null)) {
            return run(training, Optional.ofNullable(test), csv, options, threads, progress, testRows, influence);
        }
    }

    /**
     * Fits located inputs: CSV or Parquet, local or on S3. Plain numeric CSV files are read by the parallel
     * byte-range reader, anything else by the general CSV reader, Parquet by row groups; all give the same
     * answer.
     */
    public static FitReport run(TableInput file, Optional<TableInput> separateTest, CsvOptions csv,
                                WorkflowOptions options, int threads, AtomicLong progress, TestRows testRows,
                                InfluenceRows influence) {
        // The fast reader starts with every column as numbers; text in a feature column makes it start again
        // with that column as text (usually within its first rows), so string features stay on the parallel path;
        // so do text grouping columns (firm names).
        Set<String> groups = Set.copyOf(options.inference().groups());
        FitReport report = Readers.read(file, separateTest, csv, columns(options), Set.of(),
                c -> options.features().contains(c) || groups.contains(c), threads, progress,
                (training, test) -> run(training, test, options, testRows, influence)).result();
        return report.withBytesFetched(file.fetched() + separateTest.map(TableInput::fetched).orElse(0L));
    }

    /**
     * The slots the engine reads: the features in order, then the label, then the weight if any, then the
     * grouping columns of a cluster covariance that are not among those.
     */
    public static List<String> columns(WorkflowOptions options) {
        List<String> columns = new ArrayList<>(options.features());
        columns.add(options.label());
        options.weight().ifPresent(columns::add);
        for (String group : options.inference().groups()) {
            if (!columns.contains(group)) {
                columns.add(group);
            }
        }
        return columns;
    }

    /**
     * Fits the rows of {@code training} (columns in {@link #columns} order), tested on {@code separateTest}
     * or on the split-off test part.
     *
     * @throws IllegalArgumentException when the label is not numeric, the test columns' types differ, or
     *                                  no training row is usable
     * @throws InvalidRowException      under {@link InvalidPolicy#ERROR}, naming the first invalid row
     * @throws io.streamwatch.regression.solve.RankDeficientException naming collinear columns
     */
    public static FitReport run(RowSource training, Optional<RowSource> separateTest, WorkflowOptions options) {
        return run(training, separateTest, options, TestRows.NONE);
    }

    /**
     * The same, handing the test rows used to {@code testRows} in input order (one more pass).
     */
    public static FitReport run(RowSource training, Optional<RowSource> separateTest, WorkflowOptions options,
                                TestRows testRows) {
        return run(training, separateTest, options, testRows, InfluenceRows.NONE);
    }

    /**
     * The same, handing the test rows used to {@code testRows} and each training row's influence measures to
     * {@code influence}, in input order (one more pass each).
     *
     * @throws IllegalArgumentException also for a hypothesis that does not parse (naming the unknown column or
     *                                  the token), before the factor pass
     */
    public static FitReport run(RowSource training, Optional<RowSource> separateTest, WorkflowOptions options,
                                TestRows testRows, InfluenceRows influence) {
        if (influence != InfluenceRows.NONE && options.penalty().active()) {
            throw new IllegalArgumentException("--influence measures a least-squares fit; a regularized fit has no "
                    + "leverages of that kind");
        }
        boolean[] keepText = numbersTextRead(training.columns(), options, testRows);
        try (SpillingSource spilledTraining = spill(training, keepText);
             SpillingSource spilledTest = separateTest.map(t -> spill(t, keepText)).orElse(null)) {
            FitReport report = runOnce(spilledTraining, Optional.ofNullable(spilledTest), options, testRows,
                    influence);
            return report.withSourceReads(spilledTraining.sourceReads()
                    + (spilledTest == null ? 0 : spilledTest.sourceReads()));
        }
    }

    /**
     * A source that later passes read from a spill of its first, unless it is cheap to read again. The spill
     * keeps the text of numbers only where a pass reads it: the exact decimals of powers ({@code I(x^2)}),
     * numbers as categories ({@code C(x)}), the label and weight as written in the test output.
     */
    private static SpillingSource spill(RowSource source, boolean[] keepText) {
        return new SpillingSource(source, keepText, Runtime.getRuntime().availableProcessors());
    }

    private static boolean[] numbersTextRead(Schema columns, WorkflowOptions options, TestRows testRows) {
        boolean powers = options.terms().stream().flatMap(t -> t.factors().stream()).anyMatch(f -> f.power() > 1);
        boolean[] keep = new boolean[columns.columns().size()];
        int labelSlot = options.features().size();
        for (int slot = 0; slot < keep.length; slot++) {
            String name = columns.columns().get(slot).name();
            keep[slot] = powers || options.categorical().contains(name)
                    || (testRows != TestRows.NONE && (slot == labelSlot || options.weight().map(name::equals)
                    .orElse(false)));
        }
        return keep;
    }

    private static FitReport runOnce(RowSource training, Optional<RowSource> separateTest, WorkflowOptions options,
                                     TestRows testRows, InfluenceRows influence) {
        Schema columns = training.columns();
        int labelSlot = options.features().size();
        Column label = columns.columns().get(labelSlot);
        if (!label.type().isNumeric()) {
            throw new IllegalArgumentException("the label '" + options.label() + "' must be numeric, but it is "
                    + label.type().sparkName() + training.firstNonNumber(labelSlot).map(v -> " (" + v + ")")
                    .orElse(""));
        }
        int weightSlot = options.weight().isPresent() ? labelSlot + 1 : -1;
        if (weightSlot >= 0 && !columns.columns().get(weightSlot).type().isNumeric()) {
            throw new IllegalArgumentException("the weight column '" + options.weight().get() + "' must be numeric, "
                    + "but it is " + columns.columns().get(weightSlot).type().sparkName()
                    + training.firstNonNumber(weightSlot).map(v -> " (" + v + ")").orElse(""));
        }
        separateTest.ifPresent(test -> requireSameKinds(training, test));
        // C(x) makes x categorical whatever its values are; a numeric x keeps its levels in numeric order.
        Schema features = new Schema(columns.columns().subList(0, labelSlot).stream()
                .map(c -> options.categorical().contains(c.name()) ? new Column(c.name(), ColumnType.STRING) : c)
                .toList());
        Set<String> numericLevels = columns.columns().subList(0, labelSlot).stream()
                .filter(c -> options.categorical().contains(c.name()) && c.type().isNumeric())
                .map(Column::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
        RowSplit split = separateTest.isPresent() ? RowSplit.ALL_TRAINING
                : new RowSplit(options.trainFraction(), options.seed());
        int passes = 0;

        RowEncoder encoder;
        double imputedWeight = Double.NaN;
        if (EncoderFitter.needsPass(features, options.invalid())) {
            List<EncoderPass> fitters = training.scan(() -> new EncoderPass(features, numericLevels, labelSlot, weightSlot, split));
            EncoderPass first = fitters.get(0);
            fitters.stream().skip(1).forEach(first::merge);
            encoder = first.fitter.encoder(options.terms(), options.intercept(), options.invalid(), options.unseen());
            imputedWeight = first.weights == 0 ? Double.NaN : first.weightSum.value() / first.weights;
            passes++;
        } else {
            encoder = EncoderFitter.numeric(features, options.terms(), options.intercept(), options.invalid(),
                    options.unseen());
        }

        // Each hypothesis against the design's columns now, before the rows are read again.
        List<LinearHypothesis> hypotheses = options.inference().hypotheses().stream()
                .map(h -> LinearHypothesis.parse(h, encoder.columnNames())).toList();
        List<String> slots = columns(options);
        List<String> groupNames = options.inference().groups();
        Plan.Groups groups = new Plan.Groups(groupNames.stream().mapToInt(slots::indexOf).toArray(),
                booleans(groupNames.stream().map(g -> columns.columns().get(slots.indexOf(g)).type().isNumeric())
                        .toList()), groupNames);
        Plan plan = new Plan(encoder, encoder.width(), labelSlot, options.label(), weightSlot,
                options.invalid() == InvalidPolicy.IMPUTE ? imputedWeight : Double.NaN, split,
                options.penalty().active(), groups);
        boolean extended = encoder.hasPowers();
        FactorPass factored = FactorPass.merge(training.scan(() -> new FactorPass(plan, false, extended)));
        Optional<FactorPass> testFactored = separateTest.map(t -> FactorPass.merge(
                t.scan(() -> new FactorPass(plan, true, false))));
        passes++;
        PartCounts trainCounts = factored.train;
        PartCounts testCounts = testFactored.map(t -> t.test).orElse(factored.test);
        if (options.invalid() == InvalidPolicy.ERROR) {
            // The first unusable row in file order, whichever part it fell in.
            if (separateTest.isPresent()) {
                trainCounts.requireNoInvalid(training.name());
                testCounts.requireNoInvalid(separateTest.get().name());
            } else {
                PartCounts first = testCounts.firstInvalidOrdinal >= 0 && (trainCounts.firstInvalidOrdinal < 0
                        || testCounts.firstInvalidOrdinal < trainCounts.firstInvalidOrdinal) ? testCounts : trainCounts;
                first.requireNoInvalid(training.name());
            }
        }
        if (trainCounts.used == 0) {
            throw new IllegalArgumentException(noTrainingRows(factored, trainCounts));
        }

        List<String> names = encoder.columnNames();
        if (options.penalty().active()) {
            return withTestRows(training, separateTest, options, plan, testRows, penalized(training, separateTest,
                    options, encoder, plan, factored, testFactored, trainCounts,
                    testCounts, passes));
        }
        QrFit qrFit = QrFit.of(factored.qr, names, options.intercept());
        // Powers of exact decimals: the double-double factor gives the estimate to double precision, and one
        // pass measures the residuals; otherwise refinement passes correct the double factor's estimate.
        Optional<Estimate> exact = factored.extended.map(e -> e.estimate(names, options.intercept(),
                qrFit.conditionNumber()));
        Sampling sampling = new Sampling(trainCounts.used, testCounts.used);
        CovarianceType covariance = options.covariance();
        Supplier<Optional<CovarianceMiddle>> meat = () -> CovarianceMiddle.of(covariance, qrFit, plan,
                options.inference());
        RefinePass refined;
        if (exact.isPresent()) {
            double[] b = exact.get().coefficients();
            refined = measure(training, separateTest, plan, () -> QrFit.Residuals.at(b), meat, b, sampling);
            passes++;
        } else {
            do {
                double[] b = qrFit.coefficients();
                refined = measure(training, separateTest, plan, qrFit::residuals, meat, b, sampling);
                qrFit.refine(refined.residuals);
                passes++;
            } while (qrFit.needsPass());
        }

        long n = trainCounts.used;
        double[][] robust = refined.meat.map(m -> m.covariance(qrFit, n)).orElse(null);
        CovarianceDetails details = refined.meat.map(CovarianceMiddle::details)
                .orElse(CovarianceDetails.of(covariance));
        // statsmodels' WLS log-likelihood adds half the sum of the log weights.
        Estimate estimate = exact.orElseGet(qrFit::estimate);
        OlsFit fit = OlsFit.of(estimate, names, options.intercept(), refined.train.metrics(), details, robust,
                refined.diagnostics.diagnostics(qrFit.rawConditionNumber()), factored.logWeights.value() / 2,
                qrFit.varianceInflation());
        double sigma = fit.statistics().residualStandardError();
        LinearModel model = new LinearModel(options.label(), encoder, names, fit.estimates(),
                Optional.of(new LinearModel.Inference(fit.covarianceType().label(), fit.covariance(), sigma * sigma,
                        fit.statistics().dfResidual())));
        FitReport report = report(training, options, factored, testFactored, refined, fit, model, passes,
                hypotheses.stream().map(fit::test).toList());
        if (influence != InfluenceRows.NONE) {
            report = report.withInfluence(InfluencePass.run(training, plan, fit.estimates(), qrFit, estimate.rss(), n,
                    influence));
        }
        return withTestRows(training, separateTest, options, plan, testRows, report);
    }

    private static boolean[] booleans(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** The report, after a pass that hands the test rows used to {@code testRows} (none for {@link TestRows#NONE}). */
    private static FitReport withTestRows(RowSource training, Optional<RowSource> separateTest,
                                          WorkflowOptions options, Plan plan, TestRows testRows, FitReport report) {
        if (testRows != TestRows.NONE) {
            TestRowsPass.run(separateTest.orElse(training), separateTest.isPresent(), plan,
                    report.model().coefficients(), options.weight(), testRows);
        }
        return report;
    }

    /** Why no training row was usable: every count that says where the rows went. */
    private static String noTrainingRows(FactorPass factored, PartCounts train) {
        if (train.rows == 0) {
            return factored.nullLabel == factored.read
                    ? "no training rows: the label is null in all " + factored.read + " rows read (rows with a null "
                    + "label are dropped)"
                    : "no training rows: of " + factored.read + " rows read, " + factored.nullLabel + " were dropped "
                    + "for a null label and none of the rest fell in the training part (raise --train-fraction)";
        }
        return "no usable training rows: of " + train.rows + " training rows, " + train.skipped
                + " were skipped as invalid" + (train.zeroWeight > 0 ? " and " + train.zeroWeight + " have weight 0"
                : "") + (factored.nullLabel > 0 ? " (and " + factored.nullLabel + " rows were dropped for a null label)"
                : "");
    }

    /** The report of a fit: where every row went, the test metrics, the sampled points. */
    private static FitReport report(RowSource training, WorkflowOptions options, FactorPass factored,
                                    Optional<FactorPass> testFactored, RefinePass pass, OlsFit fit, LinearModel model,
                                    int passes, List<HypothesisTest> hypotheses) {
        PartCounts train = factored.train;
        PartCounts test = testFactored.map(t -> t.test).orElse(factored.test);
        RowCounts counts = new RowCounts(factored.read + testFactored.map(t -> t.read).orElse(0L),
                factored.nullLabel + testFactored.map(t -> t.nullLabel).orElse(0L), train.rows, test.rows,
                train.skipped, test.skipped, train.imputed, test.imputed, train.used, test.used, train.zeroWeight,
                test.zeroWeight);
        Optional<RegressionMetrics> testMetrics = test.used == 0 ? Optional.empty() : Optional.of(pass.test.metrics());
        Optional<FitReport.Predictions> testPoints = testMetrics.map(m -> predictions(pass.test));
        return new FitReport(training.name(), options.label(), options.weight(), counts, fit, testMetrics, model,
                predictions(pass.train), testPoints, passes, options.penalty(), hypotheses, Optional.empty(), 0, 0);
    }

    /**
     * Ridge, lasso or elastic net from the factor pass's Gram matrix ({@link ElasticNet}), then one pass for
     * the residuals, the metrics and the test part.
     */
    private static FitReport penalized(RowSource training, Optional<RowSource> separateTest, WorkflowOptions options,
                                       RowEncoder encoder, Plan plan, FactorPass factored,
                                       Optional<FactorPass> testFactored, PartCounts trainCounts,
                                       PartCounts testCounts, int passes) {
        List<String> names = encoder.columnNames();
        double w = factored.weights.value();
        double[] means = new double[plan.width()];
        for (int j = 1; j <= plan.width(); j++) {
            means[j - 1] = factored.sums[j].value() / w;
        }
        ElasticNet.Solution solution = ElasticNet.fit(factored.qr, means, w, factored.weightSquares.value(),
                options.penalty());
        double[] b = solution.coefficients();
        Sampling sampling = new Sampling(trainCounts.used, testCounts.used);
        RefinePass pass = measure(training, separateTest, plan, () -> QrFit.Residuals.at(b), Optional::empty, b,
                sampling);
        passes++;
        long n = trainCounts.used;
        int p = names.size();
        double rss = pass.residuals.sumOfSquares();
        double tss = solution.tss();
        boolean errors = solution.covarianceFactor().length > 0;
        double[][] factor = errors ? solution.covarianceFactor() : nanMatrix(p);
        OlsFit fit = OlsFit.penalized(new io.streamwatch.regression.solve.Estimate(b, factor, rss, tss, n, Double.NaN),
                names, pass.train.metrics(), pass.diagnostics.diagnostics(Double.NaN), factored.logWeights.value() / 2);
        double sigma2 = rss / (n - p);
        Optional<LinearModel.Inference> inference = errors ? Optional.of(new LinearModel.Inference("nonrobust",
                fit.covariance(), sigma2, n - p)) : Optional.empty();
        LinearModel model = new LinearModel(options.label(), encoder, names, b, inference);
        return report(training, options, factored, testFactored, pass, fit, model, passes, List.of());
    }

    /**
     * One pass over the training rows (residuals, metrics, diagnostics, the sandwich's middle) and the
     * separate test rows, if any, at coefficients {@code b}.
     */
    private static RefinePass measure(RowSource training, Optional<RowSource> separateTest, Plan plan,
                                      Supplier<QrFit.Residuals> residuals, Supplier<Optional<CovarianceMiddle>> meat,
                                      double[] b, Sampling sampling) {
        RefinePass pass = RefinePass.scan(training,
                () -> new RefinePass(plan, residuals.get(), meat.get(), b, sampling, false));
        separateTest.ifPresent(test -> pass.test = RefinePass.merge(test.scan(
                () -> new RefinePass(plan, residuals.get(), Optional.empty(), b, sampling, true))).test);
        return pass;
    }

    private static double[][] nanMatrix(int p) {
        double[][] m = new double[p][p];
        for (double[] row : m) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return m;
    }

    private static FitReport.Predictions predictions(MetricsAccumulator metrics) {
        double[][] points = metrics.points();
        return new FitReport.Predictions(points[0], points[1]);
    }

    /** A feature that is text in one file and numbers in the other would be encoded two ways. */
    private static void requireSameKinds(RowSource training, RowSource test) {
        List<Column> a = training.columns().columns();
        List<Column> b = test.columns().columns();
        for (int i = 0; i < a.size(); i++) {
            if ((a.get(i).type() == ColumnType.STRING) != (b.get(i).type() == ColumnType.STRING)) {
                throw new IllegalArgumentException("column '" + a.get(i).name() + "' is "
                        + a.get(i).type().sparkName() + " in the training file but " + b.get(i).type().sparkName()
                        + " in the test file " + test.name());
            }
        }
    }
}
