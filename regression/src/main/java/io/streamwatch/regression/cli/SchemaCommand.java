package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.ParallelSchemaInference;
import io.streamwatch.regression.data.Readers;
import io.streamwatch.regression.data.TableInput;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code schema}: the inferred schema, as Spark's {@code printSchema} prints it, and the row count. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Print the inferred schema (printSchema).")
final class SchemaCommand implements Callable<Integer> {
    @Mixin
    CsvInputOptions csv;

    @Parameters(paramLabel = "FILE", description = "Data: a CSV file with a header row (gzip or not), a Parquet file, a directory of "
            + "part files, or the same on S3 (s3://bucket/key, s3://bucket/prefix/).")
    String file;

    @Override
    public Integer call() {
        ParallelSchemaInference.Inferred inferred;
        try (TableInput input = TableInput.open(file, new AtomicLong())) {
            inferred = Readers.inferSchema(input, csv.options(), Readers.threads(null));
        }
        System.out.print(inferred.schema().treeString());
        System.out.println(inferred.rows() + " rows");
        inferred.invalidNotes().forEach(System.out::println);
        return 0;
    }
}
