package io.streamwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reference values for the regression's regularized fits (issue 14): Spark 3.5's LinearRegression on the
 * loan data for a grid of regParam, elasticNetParam and standardization, with the default solver ("auto":
 * the normal equations for ridge, OWLQN otherwise) run to a tight tolerance so its optimum, not its
 * stopping rule, is the reference. Writes JSON. Run by hand, outside the test suite:
 * <pre>
 *   mvn -q -f bench/spark-peer/pom.xml package
 *   java [--add-opens ...] -cp "$(cat bench/spark-peer/target/classpath.txt):bench/spark-peer/target/classes" \
 *     io.streamwatch.bench.SparkRegularized ../shared/data/loan-prediction/train.csv OUT.json
 * </pre>
 */
public final class SparkRegularized {

    public static void main(String[] args) throws IOException {
        String file = args[0];
        String[] features = {"ApplicantIncome", "CoapplicantIncome", "Loan_Amount_Term", "Credit_History"};
        SparkSession spark = SparkSession.builder().master("local[1]").appName("regularized-reference")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Dataset<Row> data = spark.read().option("header", "true").option("inferSchema", "true").csv(file)
                .na().drop(new String[] {"LoanAmount"});
        Dataset<Row> assembled = new VectorAssembler().setInputCols(features).setOutputCol("features")
                .setHandleInvalid("skip").transform(data).cache();
        List<String> fits = new ArrayList<>();
        for (boolean standardization : new boolean[] {true, false}) {
            for (double alpha : new double[] {0.0, 0.5, 1.0}) {
                for (double lambda : new double[] {0.1, 1.0, 10.0}) {
                    LinearRegressionModel model = new LinearRegression().setLabelCol("LoanAmount")
                            .setFeaturesCol("features").setRegParam(lambda).setElasticNetParam(alpha)
                            .setStandardization(standardization).setTol(1e-14).setMaxIter(10_000).fit(assembled);
                    String errors;
                    try {
                        errors = Arrays.toString(model.summary().coefficientStandardErrors());
                    } catch (UnsupportedOperationException e) {
                        errors = "null";
                    }
                    fits.add(String.format(Locale.ROOT, "{\"regParam\": %s, \"elasticNetParam\": %s, "
                                    + "\"standardization\": %s, \"intercept\": %.17g, \"coefficients\": %s, "
                                    + "\"standardErrors\": %s, \"r2\": %.17g, \"rmse\": %.17g, \"iterations\": %d}",
                            lambda, alpha, standardization, model.intercept(),
                            Arrays.toString(model.coefficients().toArray()), errors, model.summary().r2(),
                            model.summary().rootMeanSquaredError(), model.summary().totalIterations()));
                }
            }
        }
        long rows = assembled.count();
        spark.stop();
        String json = "{\"source\": \"Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                + " LinearRegression via SparkRegularized.java\", \"label\": \"LoanAmount\", \"features\": "
                + "[\"ApplicantIncome\", \"CoapplicantIncome\", \"Loan_Amount_Term\", \"Credit_History\"], \"rows\": "
                + rows + ", \"fits\": [\n" + String.join(",\n", fits) + "\n]}\n";
        Files.writeString(Path.of(args[1]), json);
        System.out.println("wrote " + fits.size() + " fits on " + rows + " rows to " + args[1]);
    }
}
