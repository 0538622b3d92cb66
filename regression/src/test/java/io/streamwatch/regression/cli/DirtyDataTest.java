package io.streamwatch.regression.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files as people have them, one case a row: a column of numbers with a few stray values is a numeric column
 * whose stray values make their rows invalid (never levels of a one-hot encoding); Spark's spellings of NaN
 * and the infinities are numbers, and non-finite ones make their rows invalid; a decimal comma is named; a
 * label that is not numeric names its line and value. {@code --invalid error} stops naming the line, the
 * column and the value; {@code --invalid skip} drops and counts the row.
 */
class DirtyDataTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /**
     * @param file      the CSV's text
     * @param args      the fit's arguments after the file
     * @param exit      the exit code
     * @param printed   what standard output and error hold, between them
     * @param notPrinted what they must not hold
     */
    record Case(String name, String file, List<String> args, int exit, List<String> printed, List<String> notPrinted) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A header, then {@code rows} rows made by {@code row} (given the 0-based row index). */
    private static String csv(String header, int rows, IntFunction<String> row) {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            text.append(row.apply(i)).append('\n');
        }
        return text.toString();
    }

    /** y = 1 + 2 x1 + x2 / 2 + noise, x2 the integers 1 to 12 (a month): the row's three fields, by index. */
    private static String[] fields(int i) {
        SplittableRandom random = new SplittableRandom(i);
        double x1 = Math.round(random.nextDouble() * 1e4) / 1e3;
        int x2 = 1 + i % 12;
        double y = Math.round((1 + 2 * x1 + 0.5 * x2 + random.nextGaussian()) * 1e4) / 1e4;
        return new String[] {Double.toString(x1), Integer.toString(x2), Double.toString(y)};
    }

    private static String row(int i, int column, int at, String value) {
        String[] f = fields(i);
        if (i == at) {
            f[column] = value;
        }
        return String.join(",", f);
    }

    private static final List<String> FIT = List.of("--label", "y", "--features", "x1,x2");
    private static final List<String> SKIP = List.of("--label", "y", "--features", "x1,x2", "--invalid", "skip");

    static Stream<Case> cases() {
        String months = csv("x1,x2,y", 300, i -> row(i, 1, 150, "abc"));
        String large = csv("x1,x2,y", 20_000, i -> row(i, 1, 10_000, "abc"));
        String nan = csv("x1,x2,y", 300, i -> row(i, 0, 20, "NaN"));
        String infiniteLabel = csv("x1,x2,y", 300, i -> row(i, 2, 30, "-Inf"));
        String weights = csv("x1,x2,y,w", 300, i -> row(i, 0, -1, "") + "," + (i == 40 ? "Infinity" : "1"));
        String comma = csv("x1;x2;y", 300, i -> String.join(";", fields(i)[0].replace('.', ','), fields(i)[1],
                fields(i)[2]));
        String commaLabel = csv("x1;x2;y", 300, i -> String.join(";", fields(i)[0], fields(i)[1],
                fields(i)[2].replace('.', ',')));
        String textLabel = csv("x1,x2,y", 300, i -> row(i, 2, -1, "") .replaceAll(",[^,]*$", ",level" + i % 3));
        String levels = csv("x1,x2,y", 300, i -> row(i, 1, -1, "").replaceFirst(",\\d+,", ",region" + i % 4 + ","));
        String dependents = csv("x1,x2,y", 300, i -> row(i, 1, -1, "").replaceFirst(",\\d+,",
                "," + (i % 10 == 0 ? "3+" : Integer.toString(i % 3)) + ","));
        List<String> semicolon = new ArrayList<>(List.of("--delimiter", ";"));
        semicolon.addAll(FIT);
        List<String> weighted = new ArrayList<>(SKIP);
        weighted.addAll(List.of("--weight", "w"));
        return Stream.of(
                new Case("one stray value among the integers 1-12 stops the fit naming line, column and value", months,
                        FIT, 1, List.of("line 152, column x2: 'abc' is not a number", "--invalid skip"), List.of("x2=")),
                new Case("... and with --invalid skip the row is dropped and counted, x2 stays one numeric column",
                        months, SKIP, 0, List.of("1 skipped as invalid", "\nx2 "), List.of("x2=")),
                new Case("one stray value in 20,000 rows: its line, not 'more than 1000 levels'", large, FIT, 1,
                        List.of("line 10002, column x2: 'abc' is not a number"), List.of("levels")),
                new Case("NaN is a number, a non-finite feature makes the row invalid", nan, FIT, 1,
                        List.of("line 22, column x1: 'NaN' is not a finite number"), List.of("x1=")),
                new Case("... skipped and counted, not 300 dummy columns", nan, SKIP, 0,
                        List.of("1 skipped as invalid"), List.of("x1=")),
                new Case("a non-finite label makes the row invalid", infiniteLabel, FIT, 1,
                        List.of("line 32, column y (the label): '-Inf' is not a finite number"), List.of()),
                new Case("a non-finite weight makes the row invalid", weights, weighted, 0,
                        List.of("1 skipped as invalid"), List.of("Error:")),
                new Case("a decimal comma in a semicolon file is named, not one-hot encoded", comma, semicolon, 1,
                        List.of("line 2, column x1: '", "looks like a decimal comma"), List.of("x1=")),
                new Case("a label with a decimal comma names its line and value", commaLabel, semicolon, 1,
                        List.of("line 2, column y (the label): '", "looks like a decimal comma"), List.of()),
                new Case("a text label names a line and a value", textLabel, FIT, 1,
                        List.of("the label 'y' must be numeric, but it is string (line 2: 'level0' is not a number)"),
                        List.of()),
                new Case("a text column is still one-hot encoded", levels, FIT, 0,
                        List.of("x2=region1", "x2=region3"), List.of()),
                new Case("a category that is mostly numbers (10 % '3+') is text, as before", dependents, FIT, 0,
                        List.of("x2=1", "x2=3+"), List.of()));
    }

    @org.junit.jupiter.api.Test
    void schemaKeepsANumericColumnWithStrayValuesNumericAndCountsThem() throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, csv("x1,x2,y", 300, i -> row(i, 1, 150, "abc")));
        assertThat(RegressionCli.execute("schema", file.toString())).isZero();
        assertThat(console.stdout()).contains(" |-- x2: integer (nullable = true)",
                "300 rows", "x2: 1 value is not a finite number; a fit leaves their rows to --invalid (first: line 152: "
                        + "'abc' is not a number)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aDirtyFileGivesAModelOrOneLineNamingTheProblem(Case c) throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, c.file());
        List<String> args = new ArrayList<>(List.of("fit", file.toString()));
        args.addAll(c.args());
        int exit = RegressionCli.execute(args.toArray(String[]::new));
        String printed = console.stdout() + console.stderr();
        assertThat(exit).as(printed).isEqualTo(c.exit());
        assertThat(printed).contains(c.printed()).doesNotContain("\tat ");
        for (String absent : c.notPrinted()) {
            assertThat(printed).doesNotContain(absent);
        }
        if (exit != 0) {
            assertThat(console.stderr().strip()).as("one line").doesNotContain("\n");
        }
    }
}
