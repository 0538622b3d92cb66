package io.streamwatch.regression.cli;

import io.streamwatch.regression.workflow.InfluenceRows;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code fit --influence FILE}: one CSV row per training row used, in file order — {@code row} (the data row's
 * ordinal in its file, as {@code --test-output} has it), {@code hat_diag}, {@code standard_resid},
 * {@code student_resid}, {@code cooks_d}, {@code dffits} (statsmodels' {@code OLSInfluence.summary_frame()}
 * names) — written to a scratch file beside the target and moved there once the fit succeeds, so a failed fit
 * leaves nothing.
 */
final class InfluenceFile implements InfluenceRows, AutoCloseable {

    static final String HEADER = "row,hat_diag,standard_resid,student_resid,cooks_d,dffits";

    private final Path target;
    private final Path scratch;
    private BufferedWriter out;
    private final StringBuilder line = new StringBuilder(128);

    InfluenceFile(Path target) throws IOException {
        this.target = target;
        this.scratch = Files.createTempFile(target.toAbsolutePath().getParent(), ".influence", ".csv.tmp");
    }

    @Override
    public void begin() {
        try {
            if (out != null) {
                out.close();
            }
            out = Files.newBufferedWriter(scratch, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void row(long ordinal, double hat, double standardResid, double studentResid, double cooksD,
                    double dffits) {
        line.setLength(0);
        line.append(ordinal).append(',').append(hat).append(',').append(standardResid).append(',')
                .append(studentResid).append(',').append(cooksD).append(',').append(dffits).append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean acceptsLines() {
        return true;
    }

    @Override
    public void lines(CharSequence block) {
        try {
            out.append(block);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The fit succeeded: the rows go to the target. */
    void commit() throws IOException {
        out.close();
        out = null;
        Files.move(scratch, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the scratch file if it is still there (the fit failed). */
    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
        Files.deleteIfExists(scratch);
    }
}
