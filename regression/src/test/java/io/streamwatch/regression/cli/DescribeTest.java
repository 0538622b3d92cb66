package io.streamwatch.regression.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code describe}: Spark's {@code df.describe()}, per column, whatever reader reads the file. */
class DescribeTest {

    private static final Path LOAN = Path.of(System.getProperty("shared.data.dir", "../../shared/data"),
            "loan-prediction", "train.csv");

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private JsonNode describe(String... args) throws Exception {
        console.resetStdout();
        assertThat(RegressionCli.execute(args)).isZero();
        return new ObjectMapper().readTree(console.stdout());
    }

    @Test
    void theLoanColumnsAsPythonsStatisticsModuleDescribesThem() throws Exception {
        JsonNode d = describe("describe", LOAN.toString(), "--columns", "LoanAmount,Gender,CoapplicantIncome", "--json");
        assertThat(d.fieldNames()).toIterable().containsExactly("LoanAmount", "Gender", "CoapplicantIncome");
        // Reference: Python's statistics.fmean and statistics.stdev (sample) of the non-null values.
        record Numeric(String column, String type, long count, long nulls, double mean, double stddev, String min,
                       String max) { }
        for (Numeric n : List.of(
                new Numeric("LoanAmount", "integer", 592, 22, 146.41216216216216, 85.58732523570545, "9", "700"),
                new Numeric("CoapplicantIncome", "double", 614, 0, 1621.245798027101, 2926.2483692241885, "0.0",
                        "41667.0"))) {
            JsonNode c = d.get(n.column());
            assertThat(c.get("type").asText()).isEqualTo(n.type());
            assertThat(c.get("count").asLong()).isEqualTo(n.count());
            assertThat(c.get("nulls").asLong()).isEqualTo(n.nulls());
            assertThat(c.get("mean").asDouble()).isCloseTo(n.mean(), within(1e-12 * n.mean()));
            assertThat(c.get("stddev").asDouble()).isCloseTo(n.stddev(), within(1e-12 * n.stddev()));
            assertThat(c.get("min").asText()).isEqualTo(n.min());
            assertThat(c.get("max").asText()).isEqualTo(n.max());
        }
        JsonNode gender = d.get("Gender");
        assertThat(gender.get("count").asLong()).isEqualTo(601);
        assertThat(gender.get("nulls").asLong()).isEqualTo(13);
        assertThat(gender.get("mean").isNull()).isTrue();
        assertThat(gender.get("min").asText()).isEqualTo("Female");
        assertThat(gender.get("max").asText()).isEqualTo("Male");
    }

    @Test
    void aDirectoryOfPartsDescribesAsTheFileAndInvalidValuesAreCountedApart() throws Exception {
        List<String> lines = Files.readAllLines(LOAN);
        Path parts = Files.createDirectory(dir.resolve("parts"));
        Files.write(parts.resolve("part-00000"), lines.subList(0, 300));
        Files.write(parts.resolve("part-00001"), lines.subList(300, lines.size()));
        assertThat(describe("describe", parts.toString(), "--json"))
                .isEqualTo(describe("describe", LOAN.toString(), "--json"));

        StringBuilder text = new StringBuilder("x\n");
        for (int i = 1; i <= 40; i++) {
            text.append(i == 7 ? "abc" : i == 9 ? "NaN" : i == 11 ? "NA" : Integer.toString(i)).append('\n');
        }
        Path file = dir.resolve("x.csv");
        Files.writeString(file, text);
        JsonNode x = describe("describe", file.toString(), "--json").get("x");
        assertThat(x.get("type").asText()).isEqualTo("double");
        assertThat(x.get("count").asLong()).isEqualTo(39);
        assertThat(x.get("nulls").asLong()).isEqualTo(1);
        assertThat(x.get("invalid").asLong()).isEqualTo(2);
        assertThat(x.get("min").asDouble()).isEqualTo(1);
        assertThat(x.get("max").asDouble()).isEqualTo(40);
        assertThat(x.get("mean").asDouble()).isCloseTo((820.0 - 7 - 9 - 11) / 37, within(1e-12));
    }
}
