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

/** {@code evaluate}: a saved model's metrics on a labelled file, as Spark's {@code model.evaluate(df)}. */
class EvaluateTest {

    private static final Path LOAN = Path.of(System.getProperty("shared.data.dir", "../../shared/data"),
            "loan-prediction", "train.csv");

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private JsonNode json(String... args) throws Exception {
        console.resetStdout();
        assertThat(RegressionCli.execute(args)).as(console.stderr()).isZero();
        return new ObjectMapper().readTree(console.stdout());
    }

    @Test
    void aSavedModelOnATestFileGivesExactlyTheTestMetricsOfTheFitThatMadeIt() throws Exception {
        List<String> lines = Files.readAllLines(LOAN);
        Path train = dir.resolve("train.csv");
        Files.write(train, lines.subList(0, 400));
        Path test = dir.resolve("test.csv");
        Files.writeString(test, lines.get(0) + "\n" + String.join("\n", lines.subList(400, lines.size())) + "\n");
        Path model = dir.resolve("m.json");
        JsonNode fit = json("fit", train.toString(), "--test", test.toString(), "--label", "LoanAmount",
                "--features", "ApplicantIncome,CoapplicantIncome,Property_Area", "--invalid", "skip", "--json",
                "--model-out", model.toString());
        JsonNode evaluated = json("evaluate", "--model", model.toString(), test.toString(), "--json");
        // The same fields, the same values up to rounding (the fit measures at the estimate before its last
        // correction, which is at rounding level).
        JsonNode expected = fit.get("test");
        assertThat(evaluated.get("n")).isEqualTo(expected.get("n"));
        for (String field : List.of("mse", "rmse", "mae", "r2", "explainedVariance")) {
            double value = expected.get(field).asDouble();
            assertThat(evaluated.get(field).asDouble()).as(field).isCloseTo(value, within(1e-12 * Math.abs(value)));
        }
        for (String field : List.of("min", "q1", "median", "q3", "max")) {
            double value = expected.get("residuals").get(field).asDouble();
            assertThat(evaluated.get("residuals").get(field).asDouble()).as(field)
                    .isCloseTo(value, within(1e-12 * Math.abs(value)));
        }

        console.resetStdout();
        assertThat(RegressionCli.execute("evaluate", "--model", model.toString(), test.toString())).isZero();
        assertThat(console.stdout()).contains("Rows: 215 read, 7 dropped (null label), 208 used")
                .contains("evaluated  " + String.format("%8d", fit.get("test").get("n").asInt()));
    }

    @Test
    void aTextLabelOrAFileWithoutLabelsIsOneLine() throws Exception {
        Path model = dir.resolve("m.json");
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n");
        assertThat(RegressionCli.execute("fit", data.toString(), "--label", "y", "--features", "x",
                "--train-fraction", "1", "--model-out", model.toString())).isZero();
        Path nulls = dir.resolve("nulls.csv");
        Files.writeString(nulls, "x,y\n1,\n2,\n");
        console.resetStderr();
        assertThat(RegressionCli.execute("evaluate", "--model", model.toString(), nulls.toString())).isEqualTo(1);
        assertThat(console.stderr().strip()).contains("no usable rows").contains("2 with a null "
                + "label").doesNotContain("\n");
    }
}
