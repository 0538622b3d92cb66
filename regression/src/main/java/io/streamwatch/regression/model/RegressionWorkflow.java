package io.streamwatch.regression.model;

import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.DataTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Spark MLlib linear-regression walkthrough as one call: drop rows with a null label, split train/test
 * with a seed (or take a separate test table), learn the feature encoding on the training part, encode
 * rows under the invalid-value policy, fit OLS, evaluate on the test part.
 */
public final class RegressionWorkflow {

    private RegressionWorkflow() {
    }

    public static FitReport run(DataTable data, Optional<DataTable> separateTest, WorkflowOptions options) {
        int labelIndex = data.schema().require(options.label());
        if (!data.schema().columns().get(labelIndex).type().isNumeric()) {
            throw new IllegalArgumentException("the label '" + options.label() + "' must be numeric, but it is "
                    + data.schema().columns().get(labelIndex).type().sparkName());
        }
        options.features().forEach(data.schema()::require);

        List<Integer> labelled = labelledRows(data, labelIndex);
        long nullLabel = data.size() - labelled.size();
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> testRows = new ArrayList<>();
        DataTable testTable;
        if (separateTest.isPresent()) {
            trainRows.addAll(labelled);
            testTable = separateTest.get();
            if (!testTable.schema().equals(data.schema())) {
                throw new IllegalArgumentException("the test file's columns or types " + testTable.schema().columns()
                        + " differ from the training file's " + data.schema().columns());
            }
            testRows.addAll(labelledRows(testTable, labelIndex));
            nullLabel += testTable.size() - testRows.size();
        } else {
            testTable = data;
            boolean[] train = TrainTestSplit.trainingMask(labelled.size(), options.trainFraction(), options.seed());
            for (int k = 0; k < labelled.size(); k++) {
                (train[k] ? trainRows : testRows).add(labelled.get(k));
            }
        }

        List<Object[]> trainingValues = trainRows.stream().map(i -> data.rows().get(i)).toList();
        RowEncoder encoder = EncoderFitter.fit(data.schema(), trainingValues, options.features(), options.intercept(),
                options.invalid(), options.unseen());
        Encoded train = encode(data, trainRows, labelIndex, encoder, options.invalid());
        if (train.x.isEmpty()) {
            throw new IllegalArgumentException("no usable training rows: all " + trainRows.size()
                    + " were skipped as invalid");
        }
        List<String> names = encoder.columnNames();
        OlsFit fit = OlsFit.fit(train.x.toArray(double[][]::new), train.y(), names, options.intercept());
        LinearModel model = new LinearModel(options.label(), encoder, names, fit.estimates());

        Encoded test = encode(testTable, testRows, labelIndex, encoder, options.invalid());
        Optional<RegressionMetrics> testMetrics = Optional.empty();
        Optional<FitReport.Predictions> testPredictions = Optional.empty();
        if (!test.x.isEmpty()) {
            double[] predicted = test.x.stream().mapToDouble(model::dot).toArray();
            testMetrics = Optional.of(RegressionMetrics.of(test.y(), predicted));
            testPredictions = Optional.of(new FitReport.Predictions(test.y(), predicted));
        }
        double[] trainActual = train.y();
        double[] trainFitted = train.x.stream().mapToDouble(model::dot).toArray();
        RowCounts counts = new RowCounts(data.size() + (separateTest.map(DataTable::size).orElse(0)), nullLabel,
                trainRows.size(), testRows.size(), train.skipped, test.skipped, train.imputed, test.imputed,
                train.x.size(), test.x.size());
        return new FitReport(data.source(), data.schema(), options.label(), counts, fit, testMetrics, model,
                new FitReport.Predictions(trainActual, trainFitted), testPredictions);
    }

    private static List<Integer> labelledRows(DataTable table, int labelIndex) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            if (table.rows().get(i)[labelIndex] != null) {
                rows.add(i);
            }
        }
        return rows;
    }

    private static Encoded encode(DataTable table, List<Integer> rows, int labelIndex, RowEncoder encoder,
                                  InvalidPolicy policy) {
        Encoded out = new Encoded();
        ColumnType labelType = table.schema().columns().get(labelIndex).type();
        for (int i : rows) {
            Object[] row = table.rows().get(i);
            RowEncoder.Encoded encoded = encoder.encode(row, table.schema());
            if (!encoded.valid()) {
                if (policy == InvalidPolicy.ERROR) {
                    throw new InvalidRowException(table.source() + ", line " + table.lineNumbers().get(i) + ", column "
                            + encoded.problem() + " (choose --invalid skip or --invalid impute to go on)");
                }
                out.skipped++;
                continue;
            }
            if (encoded.imputed()) {
                out.imputed++;
            }
            out.x.add(encoded.values());
            out.yValues.add(labelType == ColumnType.INTEGER ? ((Long) row[labelIndex]).doubleValue()
                    : (Double) row[labelIndex]);
        }
        return out;
    }

    private static final class Encoded {
        final List<double[]> x = new ArrayList<>();
        final List<Double> yValues = new ArrayList<>();
        long skipped;
        long imputed;

        double[] y() {
            return yValues.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
