package io.streamwatch.regression.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27 as a user runs it: {@code --cov cluster --groups}, {@code --cov HAC --maxlags}, {@code --hypothesis},
 * the VIF column and {@code --influence FILE}, in the summary and in {@code --json}, and their one-line errors.
 */
class InferenceCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static String resource(String name) {
        try {
            return Path.of(InferenceCliTest.class.getResource("/statsmodels/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String GRUNFELD = resource("grunfeld.csv");

    private int fit(String... args) {
        String[] all = new String[args.length + 8];
        System.arraycopy(new String[] {"fit", GRUNFELD, "--label", "invest", "--features", "value,capital",
            "--train-fraction", "1"}, 0, all, 0, 8);
        System.arraycopy(args, 0, all, 8, args.length);
        return RegressionCli.execute(all);
    }

    @Test
    void twoWayClustersHypothesesAndVifInTheJson() throws Exception {
        assertThat(fit("--cov", "cluster", "--groups", "firm,year", "--hypothesis", "value = capital",
                "--hypothesis", "value = 0, capital = 0", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(console.stdout());
        assertThat(json.get("covarianceType").asText()).isEqualTo("cluster");
        JsonNode covariance = json.get("covariance");
        assertThat(covariance.get("groups").toString()).isEqualTo("[\"firm\",\"year\"]");
        assertThat(covariance.get("groupCounts").toString()).isEqualTo("[11,20]");
        assertThat(covariance.get("intersections").asLong()).isEqualTo(220);
        assertThat(covariance.has("maxLags")).isFalse();
        assertThat(json.get("statistics").get("fDfNum").asInt()).isEqualTo(2);
        assertThat(json.get("statistics").get("fDfDenom").asLong()).isEqualTo(10);
        JsonNode hypotheses = json.get("hypotheses");
        assertThat(hypotheses).hasSize(2);
        assertThat(hypotheses.get(0).get("hypothesis").asText()).isEqualTo("value = capital");
        assertThat(hypotheses.get(1).get("dfNum").asInt()).isEqualTo(2);
        assertThat(hypotheses.get(1).get("dfDenom").asLong()).isEqualTo(10);
        assertThat(hypotheses.get(1).get("statistic").asDouble())
                .isEqualTo(json.get("statistics").get("fStatistic").asDouble());
        assertThat(hypotheses.get(0).has("pValue")).isTrue();
        assertThat(json.get("coefficients").get(0).has("vif")).isFalse();
        assertThat(json.get("coefficients").get(1).get("vif").asDouble()).isGreaterThan(1);
    }

    @Test
    void neweyWestInTheSummaryAndTheJson() throws Exception {
        assertThat(fit("--cov", "HAC", "--maxlags", "4")).isZero();
        assertThat(console.stdout()).contains("Covariance: HAC (Newey-West, Bartlett weights up to lag 4, training "
                + "rows in file order, no small-sample correction)").contains("z value").contains("F-statistic: ")
                .contains(" on 2 and 217 DF");
        console.resetStdout();
        assertThat(fit("--cov", "hac", "--maxlags", "4", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(console.stdout());
        assertThat(json.get("covarianceType").asText()).isEqualTo("HAC");
        assertThat(json.get("covariance").get("maxLags").asInt()).isEqualTo(4);
        assertThat(json.get("covariance").has("groups")).isFalse();
    }

    @Test
    void theSummaryShowsTheClustersTheTestsAndTheVifs() {
        assertThat(fit("--cov", "cluster", "--groups", "firm", "--hypothesis", "value = capital")).isZero();
        assertThat(console.stdout())
                .contains("Covariance: cluster by firm (11 groups; G/(G-1)·(n-1)/(n-p) correction); z, p and "
                        + "intervals from the normal distribution, F tests (Wald) with G - 1 = 10 denominator DF")
                .contains("F-statistic: 47.950234 on 2 and 10 DF, p-value: 7.51e-06")
                .contains("Hypothesis tests (F, under the cluster covariance, as statsmodels' f_test):")
                .contains("  value = capital: F = 1.439097 on 1 and 10 DF, p-value: 0.25794")
                .containsPattern("value +0\\.114534 +0\\.016200 +7\\.070 .* 1\\.356 \\*\\*\\*");
    }

    @Test
    void theInfluenceFileHasEveryTrainingRowInFileOrder() throws Exception {
        Path influence = dir.resolve("influence.csv");
        assertThat(fit("--influence", influence.toString())).isZero();
        List<String> lines = Files.readAllLines(influence);
        assertThat(lines.get(0)).isEqualTo("row,hat_diag,standard_resid,student_resid,cooks_d,dffits");
        assertThat(lines).hasSize(221);
        assertThat(lines.get(1)).startsWith("1,0.0344613986829");
        assertThat(lines.get(220)).startsWith("220,");
        double hats = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).sum();
        assertThat(hats).isCloseTo(3, org.assertj.core.api.Assertions.within(1e-9));
        // Formatted on the reading threads, every value is statsmodels' summary_frame()'s.
        JsonNode reference;
        try (var in = InferenceCliTest.class.getResourceAsStream("/statsmodels/grunfeld.json")) {
            reference = new ObjectMapper().readTree(in).get("influence");
        }
        String[] columns = lines.get(0).split(",");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertThat(Long.parseLong(f[0])).isEqualTo(reference.get("row").get(i - 1).asLong());
            for (int c = 1; c < columns.length; c++) {
                double expected = reference.get(columns[c]).get(i - 1).asDouble();
                assertThat(Double.parseDouble(f[c])).as("row %d %s", i, columns[c])
                        .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-8 * Math.abs(expected)));
            }
        }
        assertThat(console.stdout())
                .contains("Most influential training rows (largest Cook's distance, of 220 in the --influence file):")
                .containsPattern("\\n +20 +1\\.974056 +0\\.210590 +4\\.961401\\n")
                .contains("Influence of 220 training rows written to " + influence);
        // With a split, only training rows, numbered as the file numbers them (as --test-output does).
        console.resetStdout();
        Path split = dir.resolve("split.csv");
        Path test = dir.resolve("test.csv");
        assertThat(RegressionCli.execute("fit", GRUNFELD, "--label", "invest", "--features", "value,capital",
                "--influence", split.toString(), "--test-output", test.toString(), "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(console.stdout());
        List<String> trainRows = Files.readAllLines(split).stream().skip(1).map(l -> l.split(",")[0]).toList();
        List<String> testRows = Files.readAllLines(test).stream().skip(1).map(l -> l.split(",")[0]).toList();
        assertThat(trainRows).hasSize(json.get("rows").get("usedTraining").asInt()).doesNotContainAnyElementsOf(testRows);
        assertThat(trainRows.size() + testRows.size()).isEqualTo(220);
        assertThat(json.get("influence").get("rows").asLong()).isEqualTo(trainRows.size());
        assertThat(json.get("influence").get("largest")).hasSize(5);
    }

    @Test
    void aModelFittedWithClustersPredictsWithIntervals() throws Exception {
        Path model = dir.resolve("m.json");
        Path out = dir.resolve("p.csv");
        assertThat(fit("--cov", "cluster", "--groups", "firm", "--model-out", model.toString())).isZero();
        assertThat(new ObjectMapper().readTree(model.toFile()).get("inference").get("covarianceType").asText())
                .isEqualTo("cluster");
        assertThat(RegressionCli.execute("predict", "--model", model.toString(), "--input", GRUNFELD,
                "--interval", "prediction", "--output", out.toString())).isZero();
        // statsmodels' get_prediction().summary_frame() under cluster (normal quantiles): first row.
        String[] first = Files.readAllLines(out).get(1).split(",");
        assertThat(Double.parseDouble(first[1])).isCloseTo(314.821022, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(Double.parseDouble(first[2])).isCloseTo(62.790114, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aRowWithoutAGroupIsInvalidAndTheErrorNamesIt() throws Exception {
        Path file = dir.resolve("panel.csv");
        Files.writeString(file, "y,x,firm\n1,1,a\n2,2,b\n3,3.5,\n4,4,a\n5,5.5,b\n6,6,c\n");
        assertThat(RegressionCli.execute("fit", file.toString(), "--label", "y", "--features", "x",
                "--train-fraction", "1", "--cov", "cluster", "--groups", "firm")).isEqualTo(1);
        assertThat(console.stderr()).contains("line 4, column firm (group): null");
        console.resetStderr();
        assertThat(RegressionCli.execute("fit", file.toString(), "--label", "y", "--features", "x",
                "--train-fraction", "1", "--cov", "cluster", "--groups", "firm", "--invalid", "skip", "--json"))
                .isZero();
        JsonNode json = new ObjectMapper().readTree(console.stdout());
        assertThat(json.get("rows").get("skippedTraining").asInt()).isEqualTo(1);
        assertThat(json.get("covariance").get("groupCounts").toString()).isEqualTo("[3]");
        // The group is not needed elsewhere: without --cov cluster the same file fits every row.
        console.resetStdout();
        assertThat(RegressionCli.execute("fit", file.toString(), "--label", "y", "--features", "x",
                "--train-fraction", "1", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(console.stdout()).get("rows").get("usedTraining").asInt()).isEqualTo(6);
    }

    @Test
    void mistakesAreOneLineBeforeAnyOutputIsLeft() {
        Path influence = dir.resolve("never.csv");
        assertThat(fit("--cov", "cluster")).isEqualTo(1);
        assertThat(console.stderr()).contains("--cov cluster needs --groups COL (one-way) or --groups COL1,COL2");
        assertThat(fit("--groups", "firm")).isEqualTo(1);
        assertThat(console.stderr()).contains("--groups names the clusters of --cov cluster");
        assertThat(fit("--cov", "HAC")).isEqualTo(1);
        assertThat(console.stderr()).contains("--cov HAC needs --maxlags L");
        assertThat(fit("--maxlags", "2")).isEqualTo(1);
        assertThat(console.stderr()).contains("--maxlags is the window of --cov HAC");
        assertThat(fit("--cov", "cluster", "--groups", "firm,year,value")).isEqualTo(1);
        assertThat(console.stderr()).contains("--groups takes one column (one-way clustering) or two (two-way)");
        assertThat(fit("--hypothesis", "value = capitl", "--influence", influence.toString())).isEqualTo(1);
        assertThat(console.stderr()).contains("Error: hypothesis 'value = capitl': unknown column 'capitl'; the "
                + "design's columns are (Intercept), value, capital");
        assertThat(fit("--hypothesis", "value = capital %")).isEqualTo(1);
        assertThat(console.stderr()).contains("hypothesis 'value = capital %': unexpected '%' at character 17");
        assertThat(fit("--cov", "cluster", "--groups", "industry")).isEqualTo(1);
        assertThat(console.stderr()).contains("industry");
        assertThat(fit("--reg-param", "1", "--hypothesis", "value = 0")).isEqualTo(1);
        assertThat(console.stderr()).contains("--hypothesis tests a least-squares fit");
        assertThat(fit("--reg-param", "1", "--influence", influence.toString())).isEqualTo(1);
        assertThat(console.stderr()).contains("--influence measures a least-squares fit");
        assertThat(influence).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
        assertThat(console.stderr().lines().filter(l -> l.startsWith("\tat "))).isEmpty();
    }

    @Test
    void oneGroupIsNotEnoughToCluster() throws Exception {
        Path file = dir.resolve("one.csv");
        Files.writeString(file, "y,x,firm\n1,1,a\n2,2,a\n3,3.5,a\n4,4,a\n");
        assertThat(RegressionCli.execute("fit", file.toString(), "--label", "y", "--features", "x",
                "--train-fraction", "1", "--cov", "cluster", "--groups", "firm")).isEqualTo(1);
        assertThat(console.stderr()).contains("--cov cluster needs at least two groups, but the grouping column 'firm' "
                + "has 1 value in the training rows");
    }
}
