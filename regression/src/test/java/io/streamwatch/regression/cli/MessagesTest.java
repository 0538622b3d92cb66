package io.streamwatch.regression.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each mistake gets one line that says what is wrong, before any work where it can be known before. */
class MessagesTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();
    private Path data;

    @BeforeEach
    void writeData() throws Exception {
        StringBuilder text = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 50; i++) {
            text.append(i).append(',').append(i * i % 7).append(',').append(3 + 2 * i + i * i % 7 + i % 2).append('\n');
        }
        data = dir.resolve("data.csv");
        Files.writeString(data, text);
    }

    /** Runs a command that must fail: its one error line; nothing on standard output. */
    private String error(String... args) {
        console.resetStdout();
        console.resetStderr();
        assertThat(RegressionCli.execute(args)).isEqualTo(1);
        String error = console.stderr().strip();
        assertThat(error).startsWith("Error: ").doesNotContain("\n");
        assertThat(console.stdout()).as("nothing fitted or printed first").isEmpty();
        return error;
    }

    @Test
    void aFeatureListedTwiceIsNamedAsSuch() {
        assertThat(error("fit", data.toString(), "--label", "y", "--features", "x1,x1"))
                .contains("--features lists 'x1' twice").doesNotContain("all zeros");
    }

    @Test
    void thePlotIsWrittenToExactlyThePathGivenAndAnotherExtensionIsRefusedBeforeTheFit() throws Exception {
        Path jpg = dir.resolve("p.jpg");
        assertThat(error("fit", data.toString(), "--label", "y", "--features", "x1,x2", "--plot", jpg.toString()))
                .contains("--plot writes PNG images: give a file name ending in .png");
        assertThat(jpg).doesNotExist();
        assertThat(dir.resolve("p.jpg.png")).doesNotExist();
        for (String name : new String[] {"p.png", "P.PNG"}) {
            Path png = dir.resolve(name);
            assertThat(RegressionCli.execute("fit", data.toString(), "--label", "y", "--features", "x1,x2", "--plot",
                    png.toString())).isZero();
            assertThat(console.stdout()).contains("Plot written to " + png);
            assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            assertThat(dir.resolve(name + ".png")).doesNotExist();
        }
    }

    @Test
    void aLabelThatIsAllNullSaysHowManyRowsWereDroppedForIt() throws Exception {
        Path nulls = dir.resolve("nulls.csv");
        Files.writeString(nulls, Files.readString(data).replaceAll(",(\\d+)\n", ",NA\n"));
        assertThat(error("fit", nulls.toString(), "--label", "y", "--features", "x1"))
                .contains("the label is null in all 50 rows read").doesNotContain("all 0 were skipped");
    }

    @Test
    void aModelOutputInAMissingDirectoryFailsBeforeTheFitNamingTheDirectory() {
        Path missing = dir.resolve("missing").resolve("m.json");
        assertThat(error("fit", data.toString(), "--label", "y", "--features", "x1", "--model-out",
                missing.toString())).contains("the directory " + missing.getParent() + " does not exist");
    }

    @Test
    void levelWithoutIntervalIsAnErrorAndARegularizedModelSaysItCarriesNoInference() throws Exception {
        Path model = dir.resolve("m.json");
        assertThat(RegressionCli.execute("fit", data.toString(), "--label", "y", "--features", "x1,x2",
                "--reg-param", "0.1", "--elastic-net", "0.5", "--model-out", model.toString())).isZero();
        assertThat(error("predict", "--model", model.toString(), "--input", data.toString(), "--level", "0.9"))
                .contains("--level sets the level of --interval");
        assertThat(error("predict", "--model", model.toString(), "--input", data.toString(), "--interval",
                "prediction")).contains("is a regularized model").contains("carries no inference")
                .doesNotContain("format 1");
    }
}
