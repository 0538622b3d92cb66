package io.streamwatch.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The job {@code streamwatch-consumer process-file} replaces, in Spark 3.5 local[2], on the same file: record
 * i (its line number) arrives at i × 200 µs on shard i mod 2; parse {@code name,temperature,status}; per shard
 * and 20 s tumbling window, count the readings and the anomalies (temperature > 100) and collect the
 * anomaly list. Prints its wall time. Usage: FILE
 */
public final class SparkWindows {

    public static void main(String[] args) {
        long started = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("windows-peer")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        JavaRDD<Row> indexed = spark.read().textFile(args[0]).javaRDD().zipWithIndex()
                .map((Tuple2<String, Long> t) -> RowFactory.create(t._1(), t._2()));
        StructType schema = new StructType().add("line", DataTypes.StringType).add("i", DataTypes.LongType);
        Dataset<Row> records = spark.createDataFrame(indexed, schema)
                .withColumn("fields", split(col("line"), ","))
                .withColumn("name", col("fields").getItem(0))
                .withColumn("temperature", col("fields").getItem(1).cast("int"))
                .withColumn("status", col("fields").getItem(2))
                .withColumn("shard", col("i").mod(2))
                .withColumn("window", floor(col("i").multiply(200).divide(20_000_000L)));
        List<Row> windows = records.groupBy("shard", "window")
                .agg(count("*").as("readings"),
                        sum(when(col("temperature").gt(100), 1).otherwise(0)).as("anomalies"),
                        collect_list(when(col("temperature").gt(100), col("name"))).as("anomalyNames"))
                .collectAsList();
        long readings = windows.stream().mapToLong(r -> r.getLong(2)).sum();
        long anomalies = windows.stream().mapToLong(r -> r.getLong(3)).sum();
        spark.stop();
        System.out.printf("windows=%d readings=%d anomalies=%d%n", windows.size(), readings, anomalies);
        System.out.printf("spark wall %.2f s%n", (System.nanoTime() - started) / 1e9);
    }
}
