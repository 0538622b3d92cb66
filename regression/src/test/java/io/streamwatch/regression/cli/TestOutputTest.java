package io.streamwatch.regression.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --test-output}: the held-back rows themselves, as PySpark's {@code lrModel.evaluate(test).residuals}
 * and {@code lrModel.transform(test)} show them: each test row used, in file order, with its ordinal, label,
 * prediction and residual.
 */
class TestOutputTest {

    private static final String LOAN = Path.of(System.getProperty("shared.data.dir", "../../shared/data"),
            "loan-prediction", "train.csv").toString();

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void theTestRowsAreTheSplitOffRowsWithPredictionsAsPredictGivesAndTheTestMetricsOfTheSummary() throws Exception {
        Path testRows = dir.resolve("test-rows.csv");
        Path model = dir.resolve("m.json");
        assertThat(RegressionCli.execute("fit", LOAN, "--label", "LoanAmount", "--features",
                "ApplicantIncome,CoapplicantIncome", "--invalid", "skip", "--json", "--model-out", model.toString(),
                "--test-output", testRows.toString())).isZero();
        JsonNode test = new ObjectMapper().readTree(console.stdout()).get("test");
        List<String> lines = Files.readAllLines(testRows);
        assertThat(lines.get(0)).isEqualTo("row,LoanAmount,prediction,residual");
        assertThat(lines).hasSize(1 + test.get("n").asInt()).hasSize(1 + 177);
        assertThat(lines.get(1)).isEqualTo("6,267,173.5725414909865,93.42745850901349");

        Path predictions = dir.resolve("predictions.csv");
        assertThat(RegressionCli.execute("predict", "--model", model.toString(), "--input", LOAN, "--output",
                predictions.toString())).isZero();
        Map<String, String> predicted = new HashMap<>();
        Files.readAllLines(predictions).stream().skip(1).map(l -> l.split(",", -1))
                .forEach(f -> predicted.put(f[0], f[1]));
        double squares = 0;
        long previous = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(Long.parseLong(f[0])).isGreaterThan(previous);
            previous = Long.parseLong(f[0]);
            assertThat(f[2]).isEqualTo(predicted.get(f[0]));
            assertThat(Double.parseDouble(f[3])).isEqualTo(Double.parseDouble(f[1]) - Double.parseDouble(f[2]));
            squares += Double.parseDouble(f[3]) * Double.parseDouble(f[3]);
        }
        double rmse = test.get("rmse").asDouble();
        assertThat(Math.sqrt(squares / 177)).isCloseTo(rmse, within(1e-12 * rmse));
    }

    @Test
    void aSeparateTestFileGivesItsUsableRowsAndAWeightedFitItsWeights() throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, "x,y,w\n1,2.1,1\n2,3.9,2\n3,6.2,1\n4,7.8,1\n5,10.1,1\n6,11.8,3\n");
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "x,y,w\n7,14.2,1\n8,,1\nNaN,16,1\n9,18.1,0\n10,19.7,2\n");
        Path testRows = dir.resolve("test-rows.csv");
        assertThat(RegressionCli.execute("fit", train.toString(), "--test", test.toString(), "--label", "y",
                "--features", "x", "--weight", "w", "--invalid", "skip", "--test-output", testRows.toString()))
                .isZero();
        List<String> lines = Files.readAllLines(testRows);
        assertThat(lines.get(0)).isEqualTo("row,y,prediction,residual,w");
        // Row 2 has a null label, row 3 a feature that is NaN, row 4 weight 0: not test rows used.
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split(",")[0] + "," + l.split(",")[1] + ","
                + l.split(",")[4]).containsExactly("1,14.2,1", "5,19.7,2");
    }

    @Test
    void aFailedFitLeavesNoTestOutput() throws Exception {
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "x,y\n1,2\n2,\n3,6\n");
        Path testRows = dir.resolve("test-rows.csv");
        assertThat(RegressionCli.execute("fit", data.toString(), "--label", "y", "--features", "x", "--test-output",
                testRows.toString())).isEqualTo(1);
        assertThat(dir.toFile().list()).containsExactly("data.csv");
    }
}
