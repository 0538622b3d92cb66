package io.streamwatch.regression.cli;

import static org.assertj.core.api.Assertions.within;

import java.util.List;

import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RegressionCliTest {

    private static final String LOAN = Path.of(System.getProperty("shared.data.dir", "../../shared/data"),
            "loan-prediction", "train.csv").toString();
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private String stdout() {
        return console.stdout();
    }

    private void stdoutReset() {
        console.resetStdout();
    }

    private String stderr() {
        return console.stderr();
    }

    @Test
    void schemaPrintsTheInferredTypes() {
        assertThat(RegressionCli.execute("schema", LOAN)).isZero();
        assertThat(stdout()).contains(" |-- CoapplicantIncome: double (nullable = true)").contains("614 rows");
    }

    @Test
    void fitPrintsTheSummaryAndWritesModelAndPlotThenPredictKeepsTheIdColumn(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        Path plot = dir.resolve("plot.png");
        assertThat(RegressionCli.execute("fit", LOAN, "--label", "LoanAmount", "--features",
                "ApplicantIncome,CoapplicantIncome", "--invalid", "skip", "--model-out", model.toString(),
                "--plot", plot.toString())).isZero();
        assertThat(stdout()).contains("Rows: 614 read, 22 dropped (null label)").contains("Multiple R-squared")
                .contains("F-statistic").contains("AIC").contains("Residuals (training)");
        assertThat(Files.size(plot)).isGreaterThan(1000);
        assertThat(Files.readAllBytes(plot)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');

        Path predictions = dir.resolve("predictions.csv");
        assertThat(RegressionCli.execute("predict", "--model", model.toString(), "--input", LOAN, "--id-column",
                "Loan_ID", "--output", predictions.toString())).isZero();
        var lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("Loan_ID,prediction_LoanAmount,problem");
        assertThat(lines).hasSize(615);
        assertThat(lines.get(1)).startsWith("LP001002,");
    }

    @Test
    void jsonOutputIsMachineReadable() throws Exception {
        assertThat(RegressionCli.execute("fit", LOAN, "--label", "LoanAmount", "--features", "ApplicantIncome",
                "--json", "--invalid", "skip")).isZero();
        JsonNode json = new ObjectMapper().readTree(stdout());
        assertThat(json.get("coefficients")).hasSize(2);
        assertThat(json.get("statistics").get("rSquared").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("rows").get("nullLabel").asInt()).isEqualTo(22);
    }

    @Test
    void badArgumentsGiveUsageAndExitTwoNeverAStackTrace() {
        assertThat(RegressionCli.execute("fit", LOAN, "--features", "ApplicantIncome")).isEqualTo(2);
        assertThat(stderr()).contains("give --label and --features, or --formula").contains("Usage:");
        assertThat(RegressionCli.execute("fit", LOAN, "--label", "LoanAmount", "--features", "x", "--invalid", "maybe"))
                .isEqualTo(2);
        assertThat(stderr()).contains("Invalid value for option '--invalid'");
    }

    @Test
    void dataErrorsExitOneWithTheReasonOnly() {
        assertThat(RegressionCli.execute("fit", LOAN, "--label", "LoanAmount", "--features", "NoSuchColumn")).isEqualTo(1);
        assertThat(stderr()).contains("Error: no column named 'NoSuchColumn'").doesNotContain("\tat ");
        assertThat(RegressionCli.execute("fit", LOAN, "--label", "LoanAmount", "--features", "Dependents")).isEqualTo(1);
        assertThat(stderr()).contains("line 106, column Dependents: null").doesNotContain("\tat ");
    }

    @Test
    void theStreamingFlagIsANoOpWithADeprecationLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.csv");
        Files.writeString(file, "x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n");
        assertThat(RegressionCli.execute("fit", file.toString(), "--label", "y", "--features", "x", "--streaming", "on",
                "--train-fraction", "1")).isZero();
        String withFlag = stdout();
        assertThat(stderr()).contains("--streaming is deprecated and ignored");
        console.resetStdout();
        assertThat(RegressionCli.execute("fit", file.toString(), "--label", "y", "--features", "x",
                "--train-fraction", "1")).isZero();
        assertThat(stdout()).isEqualTo(withFlag).contains("Rows: 5 read").contains("Residuals (training):");
    }

    @Test
    void aNumericFilePrintsItsSchemaAndSaysWhereTheModelWent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.csv");
        Files.writeString(file, "x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n");
        Path model = dir.resolve("model.json");
        assertThat(RegressionCli.execute("fit", file.toString(), "--label", "y", "--features", "x",
                "--print-schema", "--model-out", model.toString(), "--train-fraction", "1")).isZero();
        assertThat(stdout()).contains("root").contains("x: integer").contains("y: double")
                .contains("Model written to " + model);
        assertThat(model).exists();
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(RegressionCli.execute("fit", "no-such.csv", "--label", "y", "--features", "x")).isEqualTo(1);
        assertThat(stderr()).contains("Error: no such file: no-such.csv").doesNotContain("\tat ");
    }

    @Test
    void robustErrorsAreNamedAndPredictAddsStatsmodelsIntervalColumns(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        assertThat(RegressionCli.execute("fit", LOAN, "--label", "LoanAmount", "--features",
                "ApplicantIncome,CoapplicantIncome,Property_Area", "--invalid", "skip", "--cov", "HC3",
                "--model-out", model.toString())).isZero();
        assertThat(stdout()).contains("Covariance: HC3 (heteroskedasticity-consistent)").contains("z value")
                .contains("Omnibus:").contains("Durbin-Watson:").contains("Jarque-Bera (JB):")
                .contains("Cond. No. (unscaled, as statsmodels)");
        Path predictions = dir.resolve("p.csv");
        assertThat(RegressionCli.execute("predict", "--model", model.toString(), "--input", LOAN, "--id-column",
                "Loan_ID", "--output", predictions.toString(), "--interval", "prediction", "--level", "0.9")).isZero();
        var lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("Loan_ID,prediction_LoanAmount,mean_se,mean_ci_lower,mean_ci_upper,"
                + "obs_ci_lower,obs_ci_upper,problem");
        String[] first = lines.get(1).split(",");
        double prediction = Double.parseDouble(first[1]);
        assertThat(Double.parseDouble(first[3])).isLessThan(prediction);
        assertThat(Double.parseDouble(first[5])).isLessThan(Double.parseDouble(first[3]));
        assertThat(Double.parseDouble(first[6])).isGreaterThan(Double.parseDouble(first[4]));
    }

    @Test
    void aModelSavedBeforeIntervalsExistedStillPredictsButRefusesIntervalsWithTheFix(@TempDir Path dir)
            throws Exception {
        Path model = dir.resolve("v1.json");
        Files.writeString(model, "{\"formatVersion\": 1, \"kind\": \"ols\", \"label\": \"y\", \"intercept\": true, "
                + "\"invalidPolicy\": \"error\", \"unseenLevels\": \"error\", \"features\": [{\"name\": \"x\", "
                + "\"kind\": \"numeric\"}], \"coefficients\": [{\"name\": \"(Intercept)\", \"value\": 1.0}, "
                + "{\"name\": \"x\", \"value\": 2.0}]}");
        Path input = dir.resolve("in.csv");
        Files.writeString(input, "x\n3\n");
        Path output = dir.resolve("out.csv");
        assertThat(RegressionCli.execute("predict", "--model", model.toString(), "--input", input.toString(),
                "--output", output.toString())).isZero();
        assertThat(Files.readAllLines(output).get(1)).isEqualTo("1,7.0,");
        assertThat(RegressionCli.execute("predict", "--model", model.toString(), "--input", input.toString(),
                "--interval", "confidence")).isEqualTo(1);
        assertThat(stderr()).contains("saved before prediction intervals existed (model format 1); refit it with "
                + "fit --model-out");
    }

    @Test
    void predictGivesTheSameBytesFromTheParallelReaderTheGeneralOneAndStandardOutput(@TempDir Path dir)
            throws Exception {
        // An id column, a text feature with an unseen level and nulls, a null numeric feature; the second file
        // differs only in a column the model does not read, which holds one quoted field over two lines.
        StringBuilder plain = new StringBuilder("id,x,region,y,note\n");
        StringBuilder quoted = new StringBuilder("id,x,region,y,note\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        String[] regions = {"north", "south", "east", "NA"};
        for (int i = 0; i < 3_000; i++) {
            String region = i == 2_000 ? "mars" : regions[random.nextInt(regions.length)];
            String x = i % 500 == 7 ? "" : Double.toString(random.nextDouble() * 10);
            String line = "\"id-" + i + "\"," + x + "," + region + "," + (2 * i % 17 + random.nextGaussian());
            plain.append(line).append(",\"a, note\"\n");
            quoted.append(line).append(i == 1_500 ? ",\"two\nlines\"\n" : ",\"a, note\"\n");
        }
        Path data = dir.resolve("plain.csv");
        Path quotedData = dir.resolve("quoted.csv");
        Files.writeString(data, plain);
        Files.writeString(quotedData, quoted);
        Path model = dir.resolve("m.json");
        assertThat(RegressionCli.execute("fit", data.toString(), "--label", "y", "--features", "x,region",
                "--invalid", "skip", "--model-out", model.toString())).isZero();

        Path parallel = dir.resolve("parallel.csv");
        Path general = dir.resolve("general.csv");
        for (String[] extra : List.of(new String[] {"--id-column", "id"}, new String[] {"--interval", "prediction"})) {
            List<String> common = new ArrayList<>(List.of("predict", "--model", model.toString()));
            common.addAll(List.of(extra));
            List<String> a = new ArrayList<>(common);
            a.addAll(List.of("--input", data.toString(), "--output", parallel.toString(), "--threads", "2"));
            List<String> b = new ArrayList<>(common);
            b.addAll(List.of("--input", quotedData.toString(), "--output", general.toString()));
            assertThat(RegressionCli.execute(a.toArray(String[]::new))).isZero();
            assertThat(stderr()).endsWith("read in parallel\n");
            assertThat(RegressionCli.execute(b.toArray(String[]::new))).isZero();
            assertThat(stderr()).contains("read record by record (a quoted field spanning lines, from line 1502)");
            assertThat(Files.readString(parallel)).isEqualTo(Files.readString(general));
            List<String> toStdout = new ArrayList<>(common);
            toStdout.addAll(List.of("--input", data.toString()));
            stdoutReset();
            assertThat(RegressionCli.execute(toStdout.toArray(String[]::new))).isZero();
            assertThat(stdout()).isEqualTo(Files.readString(parallel));
        }
        assertThat(Files.readString(general)).contains("region: level 'mars' was not seen in training");
        // A numeric feature as the id: read as a number and as text, which only the general reader does.
        assertThat(RegressionCli.execute("predict", "--model", model.toString(), "--input", data.toString(),
                "--id-column", "x", "--output", general.toString())).isZero();
        assertThat(stderr()).endsWith("read record by record (the id column is also a numeric feature)\n");
        assertThat(Files.readAllLines(general).get(1)).startsWith(plain.toString().split("\n")[1].split(",")[1]);
        assertThat(Files.readString(general)).contains("x: null");
    }

    @Test
    void aNumberBeyondTheDoubleRangeIsNamedAsWrittenNotACrash(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("overflow.csv");
        Files.writeString(data, "x,y\n1,2\n2,3\n1e999,4\n3,5\n4,6\n");
        assertThat(RegressionCli.execute("fit", data.toString(), "--label", "y", "--features", "x",
                "--train-fraction", "1.0")).isEqualTo(1);
        assertThat(stderr()).contains("line 4, column x: '1e999' is not a finite number").doesNotContain("Exception");
    }

    @Test
    void categoricalLevelsOfANumericColumnAreInNumericOrderAsPatsyHasThem(@TempDir Path dir) throws Exception {
        // Groups x = 1, 2, 10 with means 5, 7, 20: the reference level is 1 (text order would make it 10).
        Path data = dir.resolve("levels.csv");
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 30; i++) {
            int x = new int[] {10, 2, 1}[i % 3];
            double mean = x == 1 ? 5 : x == 2 ? 7 : 20;
            text.append(x).append(',').append(mean + (i % 2 == 0 ? 0.5 : -0.5)).append('\n');
        }
        Files.writeString(data, text);
        Path model = dir.resolve("levels-model.json");
        assertThat(RegressionCli.execute("fit", data.toString(), "--formula", "y ~ C(x)", "--train-fraction", "1.0",
                "--json", "--model-out", model.toString())).isZero();
        JsonNode fit = new ObjectMapper().readTree(stdout());
        List<String> names = new ArrayList<>();
        fit.get("coefficients").forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).containsExactly("(Intercept)", "x=2", "x=10");
        assertThat(fit.get("coefficients").get(0).get("estimate").asDouble()).isCloseTo(5, within(1e-12));
        assertThat(fit.get("coefficients").get(2).get("estimate").asDouble()).isCloseTo(15, within(1e-12));

        Path input = dir.resolve("new.csv");
        Files.writeString(input, "x\n10\n2\n");
        Path predictions = dir.resolve("levels-p.csv");
        assertThat(RegressionCli.execute("predict", "--model", model.toString(), "--input", input.toString(),
                "--output", predictions.toString())).isZero();
        assertThat(Files.readAllLines(predictions).subList(1, 3)).allSatisfy(line -> assertThat(line).isNotBlank());
        assertThat(Files.readString(model)).contains("\"levelOrder\" : \"NUMERIC\"");
    }

    @Test
    void aFormulaFitsTheModelPredictReappliesItAndMixingItWithFeaturesIsRefused(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("formula.json");
        assertThat(RegressionCli.execute("fit", LOAN, "--formula", "LoanAmount ~ ApplicantIncome * C(Property_Area) "
                + "+ I(ApplicantIncome^2)", "--invalid", "skip", "--model-out", model.toString())).isZero();
        assertThat(stdout()).contains("ApplicantIncome:Property_Area=Urban").contains("I(ApplicantIncome^2)");
        Path predictions = dir.resolve("p.csv");
        assertThat(RegressionCli.execute("predict", "--model", model.toString(), "--input", LOAN, "--output",
                predictions.toString())).isZero();
        assertThat(Files.readAllLines(predictions)).hasSize(615);
        assertThat(Files.readString(model)).contains("\"terms\"");

        assertThat(RegressionCli.execute("fit", LOAN, "--formula", "LoanAmount ~ ApplicantIncome", "--label", "x"))
                .isEqualTo(2);
        assertThat(stderr()).contains("--formula replaces --label, --features and --no-intercept");
        assertThat(RegressionCli.execute("fit", LOAN, "--formula", "LoanAmount ~ Nope")).isEqualTo(1);
        assertThat(stderr()).contains("Error: formula 'LoanAmount ~ Nope': no column named 'Nope' (in a term)");
    }
}
