package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.config.SettingsException;
import io.streamwatch.consumer.deadletter.DeadLetter;
import io.streamwatch.consumer.deadletter.ReplayDecision;
import io.streamwatch.consumer.deadletter.ReplayPlanner;
import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.decode.DecoderLimits;
import io.streamwatch.consumer.pipeline.AnomalyRule;
import io.streamwatch.consumer.sink.DeadLetterTable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code replay-rejected}: re-decodes dead letters with the current decoder settings and stores those that
 * now decode as the readings they would have been, under the same keys (idempotent: it can run twice);
 * replayed dead letters are marked, not deleted. Prints counts per original reason.
 */
@Command(name = "replay-rejected", mixinStandardHelpOptions = true,
        description = "Re-decode dead letters with the current settings and store those that now decode.")
public final class ReplayRejectedCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws;

    @Mixin
    TableOptions tables;

    @Option(names = "--since", description = "Only dead letters that arrived at or after this instant (2026-12-01T00:00:00Z).")
    String since;

    @Option(names = "--reason", description = "Only dead letters whose reason matches this regular expression.")
    String reason;

    @Option(names = "--dry-run", description = "Count what would be replayed; write nothing.")
    boolean dryRun;

    @Mixin
    ReadingOptions readings;

    @Override
    public Integer call() {
        ReplayPlanner planner = new ReplayPlanner(new CsvRecordDecoder(DecoderLimits.DEFAULT,
                readings.temperatureFormat), new AnomalyRule(readings.threshold), parseSince(), parseReason());
        Map<String, Counts> byReason = new TreeMap<>();
        String now = Instant.now().toString();
        try (DynamoDbClient dynamoDb = new AwsClients(aws.endpoints()).dynamoDb(1)) {
            DeadLetterTable table = new DeadLetterTable(dynamoDb, tables.names(), readings.dumpTimeToLive());
            for (Iterator<DeadLetter> it = table.all().iterator(); it.hasNext(); ) {
                DeadLetter letter = it.next();
                ReplayDecision decision = planner.decide(letter);
                if (decision instanceof ReplayDecision.NotSelected) {
                    continue;
                }
                Counts counts = byReason.computeIfAbsent(letter.reason(), r -> new Counts());
                if (decision instanceof ReplayDecision.Replay replay) {
                    if (!dryRun) {
                        table.store(replay);
                        table.markReplayed(letter, now);
                    }
                    counts.replayed++;
                } else if (decision instanceof ReplayDecision.StillRejected) {
                    counts.stillRejected++;
                } else if (decision instanceof ReplayDecision.AlreadyReplayed) {
                    counts.alreadyReplayed++;
                } else {
                    counts.truncated++;
                }
            }
            Counts total = new Counts();
            byReason.forEach((r, c) -> {
                System.out.printf("%-70s %s%n", r, c.describe(dryRun));
                total.add(c);
            });
            System.out.printf("%-70s %s%n", "total (" + table.tableName() + ")", total.describe(dryRun));
        }
        return 0;
    }

    private Optional<Instant> parseSince() {
        try {
            return Optional.ofNullable(since).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new SettingsException("--since: an ISO-8601 instant such as 2026-12-01T00:00:00Z, got '" + since + "'");
        }
    }

    private Optional<Pattern> parseReason() {
        try {
            return Optional.ofNullable(reason).map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new SettingsException("--reason: not a regular expression (" + e.getDescription() + "): " + reason);
        }
    }

    private static final class Counts {
        long replayed;
        long stillRejected;
        long alreadyReplayed;
        long truncated;

        void add(Counts other) {
            replayed += other.replayed;
            stillRejected += other.stillRejected;
            alreadyReplayed += other.alreadyReplayed;
            truncated += other.truncated;
        }

        String describe(boolean dryRun) {
            return (dryRun ? "would replay " : "replayed ") + replayed + ", still rejected " + stillRejected
                    + ", replayed before " + alreadyReplayed + ", truncated " + truncated;
        }
    }
}
