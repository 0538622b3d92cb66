package io.streamwatch.regression.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamwatch.regression.store.s3.S3Store;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {

    /** Local arguments never touch S3. */
    private static final Supplier<S3Store> NO_S3 = () -> {
        throw new AssertionError("S3 asked for a local argument");
    };

    @TempDir
    Path dir;

    @Test
    void aFileIsOneObject() throws Exception {
        Path file = Files.writeString(dir.resolve("data.csv"), "x,y\n1,2\n");

        InputSet set = Inputs.resolve(file.toString(), NO_S3);

        assertThat(set.directory()).isFalse();
        assertThat(set.name()).isEqualTo(file.toString());
        assertThat(set.parts()).singleElement().satisfies(p -> {
            assertThat(p.size()).isEqualTo(8);
            assertThat(p.fileName()).isEqualTo("data.csv");
        });
    }

    @Test
    void aDirectoryIsItsDataFilesInNameOrder() throws Exception {
        for (String name : new String[] {"part-00002.csv", "part-00000.csv", "_SUCCESS", ".part-00000.csv.crc",
                "part-00001.csv"}) {
            Files.writeString(dir.resolve(name), "x\n");
        }
        Files.createDirectory(dir.resolve("_temporary"));

        InputSet set = Inputs.resolve(dir.toString(), NO_S3);

        assertThat(set.directory()).isTrue();
        assertThat(set.parts()).extracting(InputObject::fileName)
                .containsExactly("part-00000.csv", "part-00001.csv", "part-00002.csv");
    }

    @Test
    void aDirectoryWithoutDataFilesSaysWhatItLookedFor() throws Exception {
        Files.writeString(dir.resolve("_SUCCESS"), "");

        assertThatThrownBy(() -> Inputs.resolve(dir.toString(), NO_S3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + " is a directory without data files (part files such as part-00000.csv; _SUCCESS "
                        + "and hidden files are skipped)");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> Inputs.resolve(missing.toString(), NO_S3))
                .isInstanceOf(UncheckedIOException.class).hasMessage("no such file: " + missing);
    }

    @Test
    void otherUrlSchemesAreRefused() {
        assertThatThrownBy(() -> Inputs.resolve("gs://bucket/data.csv", NO_S3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'gs://bucket/data.csv': only local paths and s3://bucket/key URIs are read");
    }

    @Test
    void malformedS3UrisFailBeforeAnyRequest() {
        assertThatThrownBy(() -> Inputs.resolve("s3://", NO_S3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no bucket");
    }
}
