package io.streamwatch.regression.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a FILE can be, for {@code schema}, {@code fit} and {@code predict} alike: a CSV file, gzip by its magic
 * bytes whatever its name (several members too), or a directory of part files as Spark writes them; and
 * what cannot be read — an empty file, a header-only one, an empty directory — is one line, no stack trace.
 */
class InputsTest {

    private static final Path LOAN = Path.of(System.getProperty("shared.data.dir", "../../shared/data"),
            "loan-prediction", "train.csv");
    private static final String[] FEATURES = {"--label", "LoanAmount", "--features",
        "ApplicantIncome,CoapplicantIncome,Property_Area", "--invalid", "skip", "--json"};

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /** Runs the command; its standard output, or the error line. */
    private String run(int exit, String... args) {
        console.resetStdout();
        console.resetStderr();
        assertThat(RegressionCli.execute(args)).as(console.stderr()).isEqualTo(exit);
        return exit == 0 ? console.stdout() : console.stderr();
    }

    private static void gzip(Path target, String... members) throws IOException {
        try (OutputStream file = Files.newOutputStream(target)) {
            for (String member : members) {
                GZIPOutputStream gz = new GZIPOutputStream(file) {
                    @Override
                    public void close() throws IOException {
                        finish(); // the member ends; the file stays open for the next one
                    }
                };
                gz.write(member.getBytes(StandardCharsets.UTF_8));
                gz.close();
            }
        }
    }

    /** The schema, the fit (as JSON) and the predictions of the loan file read from {@code input}. */
    private List<String> answers(Path input, Path model) throws IOException {
        String schema = run(0, "schema", input.toString());
        String[] fit = Arrays.copyOf(new String[] {"fit", input.toString()}, 2 + FEATURES.length);
        System.arraycopy(FEATURES, 0, fit, 2, FEATURES.length);
        String json = run(0, fit).replace(input.toString(), "FILE");
        Path predictions = dir.resolve("predictions.csv");
        run(0, "predict", "--model", model.toString(), "--input", input.toString(), "--id-column", "Loan_ID",
                "--output", predictions.toString());
        return List.of(schema, json, Files.readString(predictions));
    }

    @Test
    void gzipIsKnownByItsMagicBytesAndADirectoryOfPartsIsOneTableForEveryCommand() throws Exception {
        Path model = dir.resolve("model.json");
        String[] fit = Arrays.copyOf(new String[] {"fit", LOAN.toString()}, 4 + FEATURES.length);
        System.arraycopy(FEATURES, 0, fit, 2, FEATURES.length);
        fit[fit.length - 2] = "--model-out";
        fit[fit.length - 1] = model.toString();
        run(0, fit);
        List<String> plain = answers(LOAN, model);

        List<String> lines = Files.readAllLines(LOAN);
        String header = lines.get(0) + "\n";
        String first = String.join("\n", lines.subList(1, 200)) + "\n";
        String second = String.join("\n", lines.subList(200, 400)) + "\n";
        String third = String.join("\n", lines.subList(400, lines.size())) + "\n";

        Path named = dir.resolve("train.csv"); // gzip under a plain name
        gzip(named, header + first + second + third);
        Path members = dir.resolve("train.bin"); // three gzip members, any name
        gzip(members, header + first, second, third);
        // Spark's output: the header in every part, one part compressed, _SUCCESS and a hidden checksum.
        Path spark = Files.createDirectory(dir.resolve("spark"));
        Files.writeString(spark.resolve("part-00000-1f2e.csv"), header + first);
        gzip(spark.resolve("part-00001-1f2e.csv.gz"), header + second);
        Files.writeString(spark.resolve("part-00002-1f2e.csv"), header + third);
        Files.writeString(spark.resolve("_SUCCESS"), "");
        Files.writeString(spark.resolve(".part-00000-1f2e.csv.crc"), "crc");
        // Hadoop-style: the header only in the first part.
        Path hadoop = Files.createDirectory(dir.resolve("hadoop"));
        Files.writeString(hadoop.resolve("part-00000"), header + first);
        Files.writeString(hadoop.resolve("part-00001"), second);
        Files.writeString(hadoop.resolve("part-00002"), third);

        for (Path input : List.of(named, members, spark, hadoop)) {
            assertThat(answers(input, model)).as(input.toString()).containsExactlyElementsOf(plain);
        }
        assertThat(plain.get(0)).contains("614 rows");
        assertThat(console.stderr()).contains("read record by record (a directory of parts)");
    }

    @Test
    void anEmptyFileAHeaderOnlyFileAndAnEmptyDirectoryAreOneLineEachForEveryCommand() throws Exception {
        Path model = dir.resolve("model.json");
        Files.writeString(dir.resolve("fit.csv"), "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n");
        run(0, "fit", dir.resolve("fit.csv").toString(), "--label", "y", "--features", "x", "--train-fraction", "1",
                "--model-out", model.toString());
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "x,y\n");
        Path headerOnlyGzip = dir.resolve("header.csv.gz");
        gzip(headerOnlyGzip, "x,y\n");
        Path noData = Files.createDirectory(dir.resolve("out"));
        Files.writeString(noData.resolve("_SUCCESS"), "");
        Path emptyParts = Files.createDirectory(dir.resolve("parts"));
        Files.writeString(emptyParts.resolve("part-00000"), "x,y\n");
        Files.writeString(emptyParts.resolve("part-00001"), "x,y\n");
        record Expected(Path input, String message) { }
        for (Expected e : List.of(new Expected(empty, "empty.csv is empty: expected a header line"),
                new Expected(headerOnly, "header.csv has a header but no data rows"),
                new Expected(headerOnlyGzip, "header.csv.gz has a header but no data rows"),
                new Expected(noData, "is a directory without data files"),
                new Expected(emptyParts, "parts has a header but no data rows"))) {
            Path output = dir.resolve("predictions.csv");
            for (String[] args : List.of(new String[] {"schema", e.input().toString()},
                    new String[] {"fit", e.input().toString(), "--label", "y", "--features", "x"},
                    new String[] {"predict", "--model", model.toString(), "--input", e.input().toString(),
                        "--output", output.toString()})) {
                String error = run(1, args);
                assertThat(error).as(String.join(" ", args)).startsWith("Error: ").contains(e.message())
                        .doesNotContain("\tat ").doesNotContain("Index 0");
                assertThat(error.strip()).doesNotContain("\n");
                assertThat(output).doesNotExist();
            }
        }
    }

    @Test
    void predictLeavesNoOutputWhenTheInputFailsHalfWay() throws Exception {
        Path model = dir.resolve("model.json");
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 50_000; i++) {
            text.append(i).append(',').append(2 * i + i % 3).append('\n');
        }
        Path good = dir.resolve("good.csv");
        Files.writeString(good, text);
        run(0, "fit", good.toString(), "--label", "y", "--features", "x", "--model-out", model.toString());
        Path truncated = dir.resolve("truncated.csv.gz");
        gzip(truncated, text.toString());
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path output = dir.resolve("predictions.csv");
        String error = run(1, "predict", "--model", model.toString(), "--input", truncated.toString(), "--output",
                output.toString());
        assertThat(error).contains("truncated.csv.gz").doesNotContain("\tat ");
        assertThat(output).doesNotExist();
        assertThat(dir.toFile().list()).allMatch(name -> !name.startsWith(".predictions"));
    }
}
