package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.ParallelSchemaInference;
import io.streamwatch.regression.data.Readers;
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

    @Parameters(paramLabel = "FILE", description = "CSV file with a header row (gzip or not), or a directory of "
            + "part files.")
    Path file;

    @Override
    public Integer call() {
        ParallelSchemaInference.Inferred inferred = Readers.inferSchema(file, csv.options(), Readers.threads(null));
        System.out.print(inferred.schema().treeString());
        System.out.println(inferred.rows() + " rows");
        inferred.invalidNotes().forEach(System.out::println);
        return 0;
    }
}
