package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.config.AwsEndpoints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * What a new user sees when the worker cannot start, from the real jar: one line on stderr that says what
 * is wrong and which setting or permission fixes it, no stack trace, exit 2 for configuration; the stack
 * trace only with --debug.
 */
class StartupErrorsIT {

    private static LocalEmulators emulators;

    @BeforeAll
    static void startEmulators() throws Exception {
        emulators = LocalEmulators.get();
    }

    @Test
    void missingCredentialsSayWhichVariablesOrRoleToSet() throws Exception {
        Run run = run(Map.of(), "--stream", "any", "--kinesis-endpoint", emulators.kinesisEndpoint().toString(),
                "--dynamodb-endpoint", emulators.dynamoDbEndpoint().toString());
        run.assertOneLine(2, "No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void anUnreachableEndpointNamesTheSettingThatPointsAtIt() throws Exception {
        int closed = LocalEmulators.freePort();
        Run run = run(credentials(), "--stream", "any", "--kinesis-endpoint", emulators.kinesisEndpoint().toString(),
                "--dynamodb-endpoint", "http://127.0.0.1:" + closed);
        run.assertOneLine(2, "Cannot reach DynamoDB at http://127.0.0.1:" + closed
                + ": check --dynamodb-endpoint / DYNAMODB_ENDPOINT");
    }

    @Test
    void aMissingStreamSaysHowToCreateItOrFixTheName() throws Exception {
        Run run = run(credentials(), "--stream", "no-such-stream", "--create-tables", "--dump-table", "startup_dump",
                "--anomaly-table", "startup_anomaly", "--rejected-table", "startup_rejected",
                "--kinesis-endpoint", emulators.kinesisEndpoint().toString(),
                "--dynamodb-endpoint", emulators.dynamoDbEndpoint().toString());
        run.assertOneLine(2, "Kinesis stream 'no-such-stream' does not exist in region us-east-1: create it");
    }

    @Test
    void aMissingTableWithoutCreateTablesSaysHowToGetIt() throws Exception {
        Run run = run(credentials(), "--stream", "any", "--dump-table", "no_such_table",
                "--kinesis-endpoint", emulators.kinesisEndpoint().toString(),
                "--dynamodb-endpoint", emulators.dynamoDbEndpoint().toString());
        run.assertOneLine(2, "DynamoDB table 'no_such_table' does not exist: deploy the stack in deploy/, or pass "
                + "--create-tables");
    }

    @Test
    void aTableWithTheWrongKeySchemaNamesTheTableAndTheKeysTheItemsNeed() throws Exception {
        try (DynamoDbClient dynamoDb = new AwsClients(new AwsEndpoints(LocalEmulators.REGION, Optional.empty(),
                Optional.of(emulators.dynamoDbEndpoint()), Optional.empty())).dynamoDb(1)) {
            dynamoDb.createTable(b -> b.tableName("startup_wrong_keys").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("name").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("name")
                            .attributeType(ScalarAttributeType.S).build()));
            Poll.until("the table ACTIVE", java.time.Duration.ofSeconds(10), () -> dynamoDb.describeTable(
                    b -> b.tableName("startup_wrong_keys")).table().tableStatus() == TableStatus.ACTIVE);
        }
        Run run = run(credentials(), "--stream", "any", "--dump-table", "startup_wrong_keys",
                "--kinesis-endpoint", emulators.kinesisEndpoint().toString(),
                "--dynamodb-endpoint", emulators.dynamoDbEndpoint().toString());
        run.assertOneLine(2, "DynamoDB table 'startup_wrong_keys' has the key schema name (HASH, S), but the "
                + "consumer's items need id (HASH, S) and eventKey (RANGE, S)");
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        Run run = run(credentials(), "--stream", "any", "--dump-table", "no_such_table", "--debug",
                "--kinesis-endpoint", emulators.kinesisEndpoint().toString(),
                "--dynamodb-endpoint", emulators.dynamoDbEndpoint().toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.stderr).contains("DynamoDB table 'no_such_table' does not exist").contains("\tat ");
    }

    private static Map<String, String> credentials() {
        return JarRun.localCredentials();
    }

    private record Run(int exitCode, String stdout, String stderr) {
        void assertOneLine(int expectedExit, String expectedStart) {
            assertThat(exitCode).as("exit code; stderr: " + stderr).isEqualTo(expectedExit);
            assertThat(stderr.lines().toList()).as("stderr").singleElement().asString().startsWith(expectedStart);
            assertThat(stdout + stderr).as("no stack trace without --debug").doesNotContain("\tat ");
        }
    }

    private static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("run", "--http-port", "0", "--region", LocalEmulators.REGION));
        command.addAll(List.of(args));
        JarRun run = JarRun.of(env, command);
        return new Run(run.exitCode(), run.stdout(), run.stderr());
    }
}
