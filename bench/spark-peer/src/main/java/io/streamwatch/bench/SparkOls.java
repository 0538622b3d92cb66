package io.streamwatch.bench;

import java.util.Arrays;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.regression.LinearRegressionTrainingSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark MLlib walkthrough that {@code streamwatch-regression fit} replaces, on the same CSV: header
 * and inferred schema, drop null labels, assemble features (skipping invalid rows), split with a seed,
 * fit OLS, summary, evaluate on the test part. Prints its wall time. Usage: FILE LABEL F1,F2,... [FRACTION]
 */
public final class SparkOls {

    public static void main(String[] args) {
        long started = System.nanoTime();
        String file = args[0];
        String label = args[1];
        String[] features = args[2].split(",");
        double fraction = args.length > 3 ? Double.parseDouble(args[3]) : 0.7;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("ols-peer")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Dataset<Row> data = spark.read().option("header", "true").option("inferSchema", "true").csv(file)
                .na().drop(new String[] {label});
        Dataset<Row> assembled = new VectorAssembler().setInputCols(features).setOutputCol("features")
                .setHandleInvalid("skip").transform(data);
        Dataset<Row>[] split = fraction < 1 ? assembled.randomSplit(new double[] {fraction, 1 - fraction}, 42)
                : new Dataset[] {assembled};
        LinearRegressionModel model = new LinearRegression().setLabelCol(label).setFeaturesCol("features")
                .setSolver("normal").fit(split[0]);
        LinearRegressionTrainingSummary summary = model.summary();
        System.out.println("coefficients " + model.coefficients() + " intercept " + model.intercept());
        System.out.println("standard errors " + Arrays.toString(summary.coefficientStandardErrors()));
        System.out.println("training rows " + summary.numInstances() + ", R2 " + summary.r2() + ", RMSE "
                + summary.rootMeanSquaredError());
        if (split.length > 1) {
            System.out.println("test RMSE " + model.evaluate(split[1]).rootMeanSquaredError());
        }
        spark.stop();
        System.out.printf("spark wall %.2f s%n", (System.nanoTime() - started) / 1e9);
    }
}
