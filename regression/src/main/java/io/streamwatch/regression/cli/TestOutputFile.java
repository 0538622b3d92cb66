package io.streamwatch.regression.cli;

import io.streamwatch.regression.workflow.TestRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code fit --test-output FILE}: the test rows used as CSV — {@code row} (the data row's ordinal in its file),
 * the label under its own name, {@code prediction}, {@code residual}, and the weight column of a weighted fit —
 * written to a scratch file beside the target and moved there once the fit succeeds, so a failed fit leaves
 * nothing.
 */
final class TestOutputFile implements TestRows, AutoCloseable {

    private final Path target;
    private final Path scratch;
    private CSVPrinter csv;
    private long rows;

    TestOutputFile(Path target) throws IOException {
        this.target = target;
        this.scratch = Files.createTempFile(target.toAbsolutePath().getParent(), ".test-output", ".csv.tmp");
    }

    @Override
    public void begin(String label, Optional<String> weight) {
        try {
            if (csv != null) {
                csv.close();
            }
            csv = new CSVPrinter(Files.newBufferedWriter(scratch, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
            List<String> header = new ArrayList<>(List.of("row", label, "prediction", "residual"));
            weight.ifPresent(header::add);
            csv.printRecord(header);
            rows = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void row(long ordinal, String label, double prediction, double residual, String weight) {
        try {
            csv.print(Long.toString(ordinal));
            csv.print(label);
            csv.print(Double.toString(prediction));
            csv.print(Double.toString(residual));
            if (weight != null) {
                csv.print(weight);
            }
            csv.println();
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Rows written. */
    long rows() {
        return rows;
    }

    /** The fit succeeded: the rows go to the target. */
    void commit() throws IOException {
        csv.close();
        csv = null;
        Files.move(scratch, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the scratch file if it is still there (the fit failed). */
    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        }
        Files.deleteIfExists(scratch);
    }
}
