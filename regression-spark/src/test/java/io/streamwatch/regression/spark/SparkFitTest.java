package io.streamwatch.regression.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.regression.io.ModelIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit entry point's contract: the CLI's exit codes, one-line errors, and its model file. */
class SparkFitTest {

    @TempDir
    Path dir;

    @Test
    void theModelFileIsTheClis() throws IOException {
        LocalSpark.partitionBytes(8 << 10);
        Path spark = dir.resolve("spark.json");
        Path cli = dir.resolve("cli.json");
        String[] model = {"--label", "LoanAmount", "--features", "ApplicantIncome,Property_Area", "--invalid", "skip"};
        assertThat(LocalSpark.spark(concat("fit", LocalSpark.LOAN.toString(), "--model-out", spark.toString(), model)))
                .contains("Model written to " + spark);
        LocalSpark.cli(concat("fit", LocalSpark.LOAN.toString(), "--model-out", cli.toString(), model));
        assertThat(Agreement.of(Files.readString(cli), Files.readString(spark)).mismatches(1e-12)).isEmpty();
        assertThat(ModelIo.load(spark).coefficients()).hasSize(4);
    }

    @Test
    void aColumnNameWithADotIsAColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("dots.csv"), "y,x.1\n1,1\n2,2.5\n4,3\n5,4.5\n7,5\n");
        assertThat(LocalSpark.spark("fit", csv.toString(), "--label", "y", "--features", "x.1", "--train-fraction",
                "1", "--json")).contains("\"x.1\"");
    }

    @Test
    void aFileWithoutDataRowsIsOneLineAndExitOne() throws IOException {
        Path empty = Files.writeString(dir.resolve("header-only.csv"), "y,x\n");
        LocalSpark.Failure failure = LocalSpark.failure(false, "fit", empty.toString(), "--label", "y", "--features",
                "x");
        assertThat(failure.code()).isEqualTo(1);
        assertThat(failure.stderr().strip()).startsWith("Error: ").doesNotContain("\n").contains("no data rows");
    }

    @Test
    void aMissingColumnOrOptionSaysWhatToDo() {
        LocalSpark.Failure column = LocalSpark.failure(false, "fit", LocalSpark.LOAN.toString(), "--label",
                "LoanAmount", "--features", "Income");
        assertThat(column.code()).isEqualTo(1);
        assertThat(column.stderr()).contains("no column named 'Income'");
        LocalSpark.Failure usage = LocalSpark.failure(false, "fit", LocalSpark.LOAN.toString(), "--cov", "HC9");
        assertThat(usage.code()).isEqualTo(2);
        LocalSpark.Failure neither = LocalSpark.failure(false, "fit", LocalSpark.LOAN.toString());
        assertThat(neither.stderr()).contains("give --label and --features, or --formula");
    }

    private static String[] concat(String a, String b, String c, String d, String[] rest) {
        String[] all = new String[4 + rest.length];
        all[0] = a;
        all[1] = b;
        all[2] = c;
        all[3] = d;
        System.arraycopy(rest, 0, all, 4, rest.length);
        return all;
    }

}
