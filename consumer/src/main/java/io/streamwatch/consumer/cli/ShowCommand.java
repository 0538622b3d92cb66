package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.sink.TableNames;
import io.streamwatch.consumer.sink.TableProvisioner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code show}: look at what landed: item counts per table, or a few items of one table. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print item counts of the output tables, or the first items of one table.")
public final class ShowCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws;

    @Mixin
    TableOptions tables;

    @Parameters(arity = "0..1", description = "A table to print items from; without it, counts of all three.")
    String table;

    @Option(names = "--limit", defaultValue = "10", description = "Items to print (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        try (DynamoDbClient dynamoDb = new AwsClients(aws.endpoints()).dynamoDb(1)) {
            if (table == null) {
                TableNames names = tables.names();
                TableProvisioner provisioner = new TableProvisioner(dynamoDb);
                for (String t : List.of(names.dump(), names.anomaly(), names.rejected())) {
                    System.out.printf("%-16s %d items%n", t, provisioner.count(t));
                }
            } else {
                dynamoDb.scanPaginator(b -> b.tableName(table).limit(Math.max(1, limit))).items().stream()
                        .limit(limit)
                        .forEach(item -> System.out.println(format(item)));
            }
        }
        return 0;
    }

    private static String format(Map<String, AttributeValue> item) {
        return new TreeMap<>(item).entrySet().stream()
                .filter(e -> !e.getKey().equals("payload"))
                .map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String value(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return v.n();
        }
        if (v.bool() != null) {
            return v.bool().toString();
        }
        return v.toString();
    }
}
