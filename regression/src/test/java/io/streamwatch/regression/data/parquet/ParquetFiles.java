package io.streamwatch.regression.data.parquet;

import io.streamwatch.regression.data.Column;
import io.streamwatch.regression.data.DataTable;
import io.streamwatch.regression.store.InputSet;
import io.streamwatch.regression.store.LocalFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import io.airlift.compress.snappy.SnappyCompressor;

/**
 * Writes Parquet files for tests with Parquet's own writer (no Hadoop: a plain configuration and a
 * snappy compressor of ours), the way pyarrow and Spark write them: optional columns, snappy pages.
 */
public final class ParquetFiles {

    private ParquetFiles() {
    }

    /** The Parquet type a CSV column of this inferred type becomes (Spark's and pyarrow's choice). */
    static Type typeOf(Column column) {
        return switch (column.type()) {
            case INTEGER -> Types.optional(PrimitiveTypeName.INT64).named(column.name());
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(column.name());
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(column.name());
            case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(column.name());
        };
    }

    /** A table's rows {@code [from, to)} as a Parquet file of row groups of about {@code rowGroupBytes}. */
    public static Path write(Path out, DataTable table, int from, int to, long rowGroupBytes) {
        return write(out, table, from, to, rowGroupBytes, WriterVersion.PARQUET_1_0);
    }

    /**
     * The same in a writer version: {@code PARQUET_2_0} writes V2 data pages and the DELTA encodings (of
     * integers and strings), {@code PARQUET_1_0} V1 pages, dictionaries and PLAIN.
     */
    public static Path write(Path out, DataTable table, int from, int to, long rowGroupBytes, WriterVersion version) {
        MessageType schema = new MessageType("table", table.schema().columns().stream().map(ParquetFiles::typeOf)
                .toList());
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = writer(out, schema, rowGroupBytes, 1024, version)) {
            for (Object[] row : table.rows().subList(from, to)) {
                Group g = groups.newGroup();
                for (int c = 0; c < row.length; c++) {
                    String name = table.schema().columns().get(c).name();
                    Object v = row[c];
                    if (v instanceof Long l) {
                        g.add(name, l);
                    } else if (v instanceof Double d) {
                        g.add(name, d);
                    } else if (v instanceof Boolean b) {
                        g.add(name, b);
                    } else if (v instanceof String t) {
                        g.add(name, t);
                    } else if (v != null) {
                        throw new IllegalArgumentException("a " + v.getClass());
                    }
                }
                writer.write(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * A writer of {@code schema} to {@code out}, snappy-compressed, no Hadoop. {@code builder} and
     * {@code withConf} are called by reflection: their overloads take Hadoop types, which javac must see
     * to choose between them, and Hadoop is not on the class path.
     */
    static ParquetWriter<Group> writer(Path out, MessageType schema, long rowGroupBytes) throws IOException {
        return writer(out, schema, rowGroupBytes, 1024);
    }

    /** The same with pages of about {@code pageBytes} (small pages: many per chunk in small tests). */
    static ParquetWriter<Group> writer(Path out, MessageType schema, long rowGroupBytes, int pageBytes)
            throws IOException {
        return writer(out, schema, rowGroupBytes, pageBytes, WriterVersion.PARQUET_1_0);
    }

    static ParquetWriter<Group> writer(Path out, MessageType schema, long rowGroupBytes, int pageBytes,
                                       WriterVersion version) throws IOException {
        ExampleParquetWriter.Builder builder;
        try {
            builder = (ExampleParquetWriter.Builder) ExampleParquetWriter.class
                    .getMethod("builder", OutputFile.class).invoke(null, new LocalOutputFile(out));
            builder = (ExampleParquetWriter.Builder) ParquetWriter.Builder.class
                    .getMethod("withConf", ParquetConfiguration.class).invoke(builder, new PlainParquetConfiguration());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return builder.withType(schema)
                .withCodecFactory(new SnappyOnly())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                .withPageSize(pageBytes)
                .withWriterVersion(version)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    /** One local file as an input. */
    static InputSet file(Path file) {
        return new InputSet(file.toString(), false, List.of(LocalFile.of(file)));
    }

    /** The data files of a directory, in name order. */
    static InputSet directory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return new InputSet(dir.toString(), true, files.filter(p -> InputSet.isDataName(p.getFileName().toString()))
                    .sorted().map(LocalFile::of).map(f -> (io.streamwatch.regression.store.InputObject) f).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compresses with aircompressor's snappy; the writer's own factory would need Hadoop's codecs. */
    private static final class SnappyOnly implements CompressionCodecFactory {
        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            return new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    byte[] in = bytes.toByteArray();
                    SnappyCompressor snappy = new SnappyCompressor();
                    byte[] out = new byte[snappy.maxCompressedLength(in.length)];
                    int n = snappy.compress(in, 0, in.length, out, 0, out.length);
                    return BytesInput.from(out, 0, n);
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return CompressionCodecName.SNAPPY;
                }

                @Override
                public void release() {
                }
            };
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            throw new UnsupportedOperationException("writes only");
        }

        @Override
        public void release() {
        }
    }
}
