package io.streamwatch.regression.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.CsvReader;
import io.streamwatch.regression.data.DataTable;
import io.streamwatch.regression.data.parquet.ParquetFiles;
import io.streamwatch.regression.store.S3Emulator;
import io.streamwatch.regression.store.S3EmulatorExtension;
import io.streamwatch.regression.store.s3.S3Uri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit} of the same data from a local file, an S3 object and an S3 prefix of parts, each a real CLI
 * process reading the s3rver emulator through {@code AWS_ENDPOINT_URL_S3}: the same model, every byte fetched
 * once.
 */
@ExtendWith(S3EmulatorExtension.class)
class S3InputIT {

    private static final String BUCKET = "fit-it";
    private static final String FEATURES = "x1,x2,x3,x4,x5";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void data() throws IOException {
        csv = dir.resolve("reg.csv");
        // 300,000 rows, about 24 MB: several 8 MiB ranged reads.
        assertThat(RegressionCli.execute("generate", "--rows", "300000", "--features", "5", "--out",
                csv.toString())).isZero();
    }

    @Test
    void aFitFromAnS3ObjectOrPrefixIsTheLocalFitAndFetchesEachByteOnce(S3Emulator s3) throws Exception {
        s3.createBucket(BUCKET);
        S3Uri object = s3.upload(BUCKET, "data/reg.csv", csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String header = lines.get(0);
        int half = lines.size() / 2;
        S3Uri part0 = s3.upload(BUCKET, "parts/part-00000.csv", (String.join("\n", lines.subList(0, half)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        S3Uri part1 = s3.upload(BUCKET, "parts/part-00001.csv", (header + "\n"
                + String.join("\n", lines.subList(half, lines.size())) + "\n").getBytes(StandardCharsets.UTF_8));
        s3.upload(BUCKET, "parts/_SUCCESS", new byte[0]);
        s3.resetCounts();

        JsonNode local = fit(s3, csv.toString());
        JsonNode fromObject = fit(s3, "s3://" + BUCKET + "/data/reg.csv");
        long served = s3.bytesServed(object);
        JsonNode fromPrefix = fit(s3, "s3://" + BUCKET + "/parts/");

        assertSameModel(fromObject, local);
        assertSameModel(fromPrefix, local);
        assertThat(served).isEqualTo(Files.size(csv));
        assertThat(s3.gets(object)).isEqualTo((Files.size(csv) + (8 << 20) - 1) / (8 << 20));
        assertThat(s3.bytesServed(part0) + s3.bytesServed(part1))
                .isEqualTo(Files.size(csv) + header.length() + 1);
        assertThat(fromObject.get("sourceReads").asInt()).isEqualTo(1);
        assertThat(fromObject.get("bytesFetched").asLong()).isEqualTo(Files.size(csv));
        assertThat(local.get("bytesFetched").asLong()).isZero();
        assertThat(fromObject.get("passes").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aParquetFitLocalOrOnS3IsTheCsvFitAndFetchesEachByteOnce(S3Emulator s3) throws Exception {
        DataTable table = new CsvReader(CsvOptions.DEFAULT).read(csv);
        Path parquet = ParquetFiles.write(dir.resolve("reg.parquet"), table, 0, table.size(), 2 << 20);
        Path parts = Files.createDirectories(dir.resolve("parquet-parts"));
        ParquetFiles.write(parts.resolve("part-00000.parquet"), table, 0, 100_000, 1 << 20);
        ParquetFiles.write(parts.resolve("part-00001.parquet"), table, 100_000, table.size(), 1 << 20);
        s3.createBucket(BUCKET);
        S3Uri object = s3.upload(BUCKET, "parquet/reg.parquet", parquet);
        S3Uri part0 = s3.upload(BUCKET, "parquet-parts/part-00000.parquet", parts.resolve("part-00000.parquet"));
        S3Uri part1 = s3.upload(BUCKET, "parquet-parts/part-00001.parquet", parts.resolve("part-00001.parquet"));
        s3.upload(BUCKET, "parquet-parts/_SUCCESS", new byte[0]);
        s3.resetCounts();

        JsonNode fromCsv = fit(s3, csv.toString());
        JsonNode local = fit(s3, parquet.toString());
        JsonNode localParts = fit(s3, parts.toString());
        JsonNode fromObject = fit(s3, "s3://" + BUCKET + "/parquet/reg.parquet");
        JsonNode fromPrefix = fit(s3, "s3://" + BUCKET + "/parquet-parts/");

        for (JsonNode fit : List.of(local, localParts, fromObject, fromPrefix)) {
            assertSameModel(fit, fromCsv);
        }
        // Every column is read, each byte at most once: the column chunks and the footer, not the leading magic
        // nor the page indexes between them (ParquetSourceTest checks that the ranges do not overlap).
        long served = s3.bytesServed(object);
        assertThat(served).isLessThanOrEqualTo(Files.size(parquet) - 4).isGreaterThan(Files.size(parquet) * 95 / 100);
        assertThat(fromObject.get("bytesFetched").asLong()).isEqualTo(served);
        assertThat(fromObject.get("sourceReads").asInt()).isEqualTo(1);
        long partsSize = Files.size(parts.resolve("part-00000.parquet")) + Files.size(parts.resolve("part-00001.parquet"));
        assertThat(s3.bytesServed(part0) + s3.bytesServed(part1)).isLessThanOrEqualTo(partsSize - 8)
                .isEqualTo(fromPrefix.get("bytesFetched").asLong());
    }

    @Test
    void schemaDescribeEvaluateAndPredictReadS3ObjectsAsTheyReadLocalFiles(S3Emulator s3) throws Exception {
        s3.createBucket(BUCKET);
        s3.upload(BUCKET, "commands/reg.csv", csv);
        String uri = "s3://" + BUCKET + "/commands/reg.csv";
        Path model = dir.resolve("model.json");
        assertThat(CliProcess.run(s3.environment(), "fit", csv.toString(), "--label", "y", "--features", FEATURES,
                "--model-out", model.toString()).exit()).isZero();

        for (List<String> command : List.of(List.of("schema"), List.of("describe"),
                List.of("evaluate", "--model", model.toString()))) {
            List<String> local = new java.util.ArrayList<>(command);
            local.add(csv.toString());
            List<String> remote = new java.util.ArrayList<>(command);
            remote.add(uri);
            CliProcess.Result fromFile = CliProcess.run(s3.environment(), local.toArray(String[]::new));
            CliProcess.Result fromS3 = CliProcess.run(s3.environment(), remote.toArray(String[]::new));
            assertThat(fromS3.exit()).as(fromS3.err()).isZero();
            assertThat(fromS3.out().replace(uri, "FILE")).as(command.get(0))
                    .isEqualTo(fromFile.out().replace(csv.toString(), "FILE"));
        }
        CliProcess.Result predicted = CliProcess.run(s3.environment(), "predict", "--model", model.toString(),
                "--input", uri);
        CliProcess.Result predictedLocally = CliProcess.run(s3.environment(), "predict", "--model",
                model.toString(), "--input", csv.toString());
        assertThat(predicted.exit()).as(predicted.err()).isZero();
        assertThat(predicted.out()).isEqualTo(predictedLocally.out()).hasLineCount(300_001);
    }

    @Test
    void aMissingObjectOrBucketIsOneLineNamingTheUri(S3Emulator s3) throws Exception {
        s3.createBucket(BUCKET);
        CliProcess.Result missingKey = CliProcess.run(s3.environment(), "fit", "s3://" + BUCKET + "/no/such.csv",
                "--label", "y", "--features", FEATURES);
        CliProcess.Result missingBucket = CliProcess.run(s3.environment(), "fit", "s3://no-such-bucket/a.csv",
                "--label", "y", "--features", FEATURES);
        Map<String, String> noCredentials = new HashMap<>(s3.environment());
        noCredentials.remove("AWS_ACCESS_KEY_ID");
        noCredentials.remove("AWS_SECRET_ACCESS_KEY");
        noCredentials.put("AWS_CONFIG_FILE", dir.resolve("none").toString());
        noCredentials.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        noCredentials.put("AWS_EC2_METADATA_DISABLED", "true");
        CliProcess.Result unsigned = CliProcess.run(noCredentials, "schema", "s3://" + BUCKET + "/no/such.csv");

        assertThat(missingKey.exit()).isEqualTo(1);
        assertThat(missingKey.err().strip()).doesNotContain("\n").contains("s3://" + BUCKET + "/no/such.csv");
        assertThat(missingBucket.exit()).isEqualTo(1);
        assertThat(missingBucket.err().strip()).doesNotContain("\n").contains("no-such-bucket");
        assertThat(unsigned.exit()).isEqualTo(1);
        assertThat(unsigned.err().strip()).doesNotContain("\n").contains("AWS_ACCESS_KEY_ID");
    }

    private static JsonNode fit(S3Emulator s3, String input) throws Exception {
        CliProcess.Result result = CliProcess.run(s3.environment(), "fit", input, "--label", "y", "--features",
                FEATURES, "--json");
        assertThat(result.exit()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    private static void assertSameModel(JsonNode actual, JsonNode expected) {
        assertThat(actual.get("rows")).isEqualTo(expected.get("rows"));
        JsonNode a = actual.get("coefficients");
        JsonNode e = expected.get("coefficients");
        assertThat(a.size()).isEqualTo(e.size());
        for (int i = 0; i < e.size(); i++) {
            for (String field : List.of("estimate", "standardError", "tValue")) {
                double want = e.get(i).get(field).asDouble();
                assertThat(a.get(i).get(field).asDouble()).as(e.get(i).get("name") + " " + field)
                        .isCloseTo(want, org.assertj.core.data.Offset.offset(Math.abs(want) * 1e-12));
            }
        }
    }
}
