package io.streamwatch.regression.data.parquet;

import io.streamwatch.regression.data.Column;
import io.streamwatch.regression.data.ColumnType;
import java.util.Locale;
import java.util.Optional;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A top-level Parquet field as the rows see it: its {@link Kind} (the type the workflow sees, as the CSV
 * schema inference types the same values), or why it cannot be read.
 *
 * @param name        the field's name
 * @param kind        how its values are decoded; empty when it cannot be read
 * @param why         why it cannot be read ("a list", "a timestamp"); empty when it can
 * @param physical    its physical type for the column readers (no annotation: they decode by physical type);
 *                    empty for a group
 * @param scale       a decimal's scale (0 otherwise)
 * @param parquetType the field's Parquet type, for messages ("optional int64 x")
 */
record ParquetColumn(String name, Optional<Kind> kind, Optional<String> why, Optional<PrimitiveType> physical,
                     int scale, String parquetType) {

    /** How a readable column's values are decoded. */
    enum Kind {
        /** INT32 or INT64, signed: integer. */
        INT(ColumnType.INTEGER),
        /** INT32 annotated unsigned. */
        UINT32(ColumnType.INTEGER),
        /** INT64 annotated unsigned. */
        UINT64(ColumnType.INTEGER),
        FLOAT(ColumnType.DOUBLE),
        DOUBLE(ColumnType.DOUBLE),
        /** DECIMAL stored as INT32 or INT64: the unscaled integer over 10^scale. */
        DECIMAL_INT(ColumnType.DOUBLE),
        /** DECIMAL stored as bytes (BINARY, FIXED_LEN_BYTE_ARRAY): a big-endian two's complement integer. */
        DECIMAL_BYTES(ColumnType.DOUBLE),
        /** A CSV column of true/false values is boolean too: numbers 1 and 0 as features, not levels. */
        BOOLEAN(ColumnType.BOOLEAN),
        /** UTF-8 text: a categorical feature. */
        STRING(ColumnType.STRING);

        final ColumnType type;

        Kind(ColumnType type) {
            this.type = type;
        }
    }

    /** The column of the workflow's schema; only for a readable column. */
    Column column() {
        return new Column(name, kind.orElseThrow().type);
    }

    /** A group (a struct, a list, a map): never read. */
    static ParquetColumn group(SchemaElement e) {
        String what = isList(e) ? "a list" : isMap(e) ? "a map" : "a nested group";
        return new ParquetColumn(e.getName(), Optional.empty(), Optional.of(what), Optional.empty(), 0,
                repetition(e) + " group " + e.getName());
    }

    /** A top-level primitive field. */
    static ParquetColumn primitive(SchemaElement e) {
        PrimitiveTypeName t = switch (e.getType()) {
            case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
            case INT32 -> PrimitiveTypeName.INT32;
            case INT64 -> PrimitiveTypeName.INT64;
            case INT96 -> PrimitiveTypeName.INT96;
            case FLOAT -> PrimitiveTypeName.FLOAT;
            case DOUBLE -> PrimitiveTypeName.DOUBLE;
            case BYTE_ARRAY -> PrimitiveTypeName.BINARY;
            case FIXED_LEN_BYTE_ARRAY -> PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
        };
        Type.Repetition repetition = switch (e.isSetRepetition_type() ? e.getRepetition_type()
                : FieldRepetitionType.REQUIRED) {
            case REQUIRED -> Type.Repetition.REQUIRED;
            case OPTIONAL -> Type.Repetition.OPTIONAL;
            case REPEATED -> Type.Repetition.REPEATED;
        };
        PrimitiveType physical = t == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                ? Types.primitive(t, repetition).length(e.getType_length()).named(e.getName())
                : Types.primitive(t, repetition).named(e.getName());
        String annotation = annotation(e);
        String shown = repetition.name().toLowerCase(Locale.ROOT) + " " + t.name().toLowerCase(Locale.ROOT) + " "
                + e.getName() + (annotation.isEmpty() ? "" : " (" + annotation + ")");
        if (repetition == Type.Repetition.REPEATED) {
            return unreadable(e, "a repeated field (a list)", physical, shown);
        }
        LogicalType logical = e.isSetLogicalType() ? e.getLogicalType() : null;
        ConvertedType converted = e.isSetConverted_type() ? e.getConverted_type() : null;
        if (logical != null && logical.isSetDECIMAL() || converted == ConvertedType.DECIMAL) {
            int scale = logical != null && logical.isSetDECIMAL() ? logical.getDECIMAL().getScale() : e.getScale();
            Kind kind = t == PrimitiveTypeName.INT32 || t == PrimitiveTypeName.INT64 ? Kind.DECIMAL_INT
                    : Kind.DECIMAL_BYTES;
            return new ParquetColumn(e.getName(), Optional.of(kind), Optional.empty(), Optional.of(physical), scale,
                    shown);
        }
        boolean temporal = logical != null && (logical.isSetDATE() || logical.isSetTIME() || logical.isSetTIMESTAMP())
                || converted != null && (converted == ConvertedType.DATE || converted.name().startsWith("TIME"));
        return switch (t) {
            case INT32, INT64 -> {
                if (temporal) {
                    yield unreadable(e, "a " + annotation + " (dates and times are not read)", physical, shown);
                }
                boolean unsigned = logical != null && logical.isSetINTEGER() && !logical.getINTEGER().isIsSigned()
                        || converted != null && converted.name().startsWith("UINT");
                Kind kind = !unsigned ? Kind.INT : t == PrimitiveTypeName.INT32 ? Kind.UINT32 : Kind.UINT64;
                yield readable(e, kind, physical, shown);
            }
            case FLOAT -> readable(e, Kind.FLOAT, physical, shown);
            case DOUBLE -> readable(e, Kind.DOUBLE, physical, shown);
            case BOOLEAN -> readable(e, Kind.BOOLEAN, physical, shown);
            case BINARY -> annotation.isEmpty() || annotation.equals("string") || annotation.equals("enum")
                    || annotation.equals("json") ? readable(e, Kind.STRING, physical, shown)
                    : unreadable(e, "binary (" + annotation + ")", physical, shown);
            case FIXED_LEN_BYTE_ARRAY -> unreadable(e, "fixed-length bytes"
                    + (annotation.isEmpty() ? "" : " (" + annotation + ")"), physical, shown);
            case INT96 -> unreadable(e, "an INT96 timestamp (dates and times are not read)", physical, shown);
        };
    }

    /** The field's annotation in lower case ("string", "decimal", "timestamp"), empty when it has none. */
    private static String annotation(SchemaElement e) {
        if (e.isSetLogicalType()) {
            LogicalType l = e.getLogicalType();
            return l.getSetField().getFieldName().toLowerCase(Locale.ROOT);
        }
        if (e.isSetConverted_type()) {
            return e.getConverted_type() == ConvertedType.UTF8 ? "string"
                    : e.getConverted_type().name().toLowerCase(Locale.ROOT);
        }
        return "";
    }

    private static boolean isList(SchemaElement e) {
        return e.isSetLogicalType() && e.getLogicalType().isSetLIST() || e.getConverted_type() == ConvertedType.LIST;
    }

    private static boolean isMap(SchemaElement e) {
        return e.isSetLogicalType() && e.getLogicalType().isSetMAP() || e.getConverted_type() == ConvertedType.MAP
                || e.getConverted_type() == ConvertedType.MAP_KEY_VALUE;
    }

    private static String repetition(SchemaElement e) {
        return e.isSetRepetition_type() ? e.getRepetition_type().name().toLowerCase(Locale.ROOT) : "required";
    }

    private static ParquetColumn readable(SchemaElement e, Kind kind, PrimitiveType physical, String shown) {
        return new ParquetColumn(e.getName(), Optional.of(kind), Optional.empty(), Optional.of(physical), 0, shown);
    }

    private static ParquetColumn unreadable(SchemaElement e, String why, PrimitiveType physical, String shown) {
        return new ParquetColumn(e.getName(), Optional.empty(), Optional.of(why), Optional.of(physical), 0, shown);
    }
}
