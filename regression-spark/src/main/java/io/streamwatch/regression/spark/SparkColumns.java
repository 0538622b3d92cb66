package io.streamwatch.regression.spark;

import io.streamwatch.regression.data.Column;
import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.Schema;
import java.util.Arrays;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark's column types as the engine's: integral as integer, fractional as double, boolean, string. */
final class SparkColumns {

    private SparkColumns() {
    }

    /**
     * The engine's schema of a Dataset's columns, in their order.
     *
     * @throws IllegalArgumentException naming a column of a type the engine does not read (dates, arrays, ...)
     */
    static Schema schema(StructType struct) {
        return new Schema(Arrays.stream(struct.fields()).map(f -> new Column(f.name(), type(f))).toList());
    }

    private static ColumnType type(StructField field) {
        DataType t = field.dataType();
        if (t instanceof IntegerType || t instanceof LongType || t instanceof ShortType || t instanceof ByteType) {
            return ColumnType.INTEGER;
        }
        if (t instanceof DoubleType || t instanceof FloatType || t instanceof DecimalType) {
            return ColumnType.DOUBLE;
        }
        if (t instanceof BooleanType) {
            return ColumnType.BOOLEAN;
        }
        if (t instanceof StringType) {
            return ColumnType.STRING;
        }
        throw new IllegalArgumentException("column '" + field.name() + "' is " + t.simpleString()
                + ", which the regression does not read: cast it to a number (double) or a string first");
    }
}
