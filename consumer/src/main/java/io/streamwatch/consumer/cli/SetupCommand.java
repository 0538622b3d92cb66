package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.kcl.StreamProvisioner;
import io.streamwatch.consumer.sink.TableProvisioner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** {@code setup}: create the stream and tables if missing (local emulators; AWS uses deploy/). */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Create the Kinesis stream and the output tables when they do not exist.")
public final class SetupCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws;

    @Mixin
    TableOptions tables;

    @Option(names = "--stream", defaultValue = "${env:STREAM_NAME}", required = true,
            description = "Kinesis stream (env STREAM_NAME).")
    String stream;

    @Option(names = "--shards", defaultValue = "2", description = "Shards of a new stream (default ${DEFAULT-VALUE}).")
    int shards;

    @Override
    public Integer call() {
        AwsClients clients = new AwsClients(aws.endpoints());
        try (KinesisClient kinesis = clients.kinesis(); DynamoDbClient dynamoDb = clients.dynamoDb(1)) {
            new StreamProvisioner(kinesis).createMissing(stream, shards);
            new TableProvisioner(dynamoDb).createMissing(tables.names());
        }
        System.out.println("stream " + stream + " and tables " + tables.names() + " are ready");
        return 0;
    }
}
