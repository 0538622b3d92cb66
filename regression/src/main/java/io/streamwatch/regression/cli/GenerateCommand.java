package io.streamwatch.regression.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate}: a benchmark data set, a CSV with a header, {@code x1..xk} uniform in [0, 1000) with four
 * decimals and {@code y = 5 + sum(j * x_j) + N(0, 50^2)}: about 110 bytes a row for 10 features. With
 * {@code --clusters G} a column {@code g} (a cluster, 1..G at random) and with {@code --periods T} a column
 * {@code t} (1..T in turn), each adding its own N(0, 25^2) effect to y: a panel for {@code --cov cluster}. Without
 * them the file is byte for byte what it always was.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic regression CSV (benchmarks): x1..xk and a linear label with noise.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--rows", required = true, description = "Rows to write.")
    long rows;

    @Option(names = "--features", defaultValue = "10", description = "Feature columns (default ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output file.")
    Path out;

    @Option(names = "--clusters", defaultValue = "0", description = "Add a column g, a cluster 1..G at random with "
            + "its own effect on y (default: none).")
    int clusters;

    @Option(names = "--periods", defaultValue = "0", description = "Add a column t, a period 1..T in turn with its "
            + "own effect on y (default: none).")
    int periods;

    @Override
    public Integer call() throws IOException {
        if (clusters < 0 || periods < 0) {
            throw new IllegalArgumentException("--clusters and --periods must be >= 0");
        }
        SplittableRandom random = new SplittableRandom(seed);
        // The panel's draws come from a stream of their own, so x and the noise are those of the plain file.
        SplittableRandom panel = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] clusterEffect = new double[clusters];
        for (int g = 0; g < clusters; g++) {
            clusterEffect[g] = panel.nextGaussian() * 25;
        }
        double[] periodEffect = new double[periods];
        for (int t = 0; t < periods; t++) {
            periodEffect[t] = panel.nextGaussian() * 25;
        }
        StringBuilder line = new StringBuilder(160);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            for (int j = 1; j <= features; j++) {
                line.append('x').append(j).append(',');
            }
            line.append('y');
            if (clusters > 0) {
                line.append(",g");
            }
            if (periods > 0) {
                line.append(",t");
            }
            os.write(line.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
            double[] x = new double[features];
            for (long i = 0; i < rows; i++) {
                line.setLength(0);
                double y = 5 + random.nextGaussian() * 50;
                for (int j = 0; j < features; j++) {
                    long tenThousandths = random.nextLong(10_000_000);
                    x[j] = tenThousandths / 1e4;
                    y += (j + 1) * x[j];
                    appendFixed4(line, tenThousandths).append(',');
                }
                int g = clusters > 0 ? panel.nextInt(clusters) : -1;
                int t = periods > 0 ? (int) (i % periods) : -1;
                y += (g >= 0 ? clusterEffect[g] : 0) + (t >= 0 ? periodEffect[t] : 0);
                appendFixed4(line, Math.round(y * 1e4));
                if (g >= 0) {
                    line.append(',').append(g + 1);
                }
                if (t >= 0) {
                    line.append(',').append(t + 1);
                }
                line.append('\n');
                os.write(line.toString().getBytes(StandardCharsets.US_ASCII));
            }
        }
        System.out.printf("wrote %d rows to %s (%d bytes)%n", rows, out, Files.size(out));
        return 0;
    }

    private static StringBuilder appendFixed4(StringBuilder sb, long tenThousandths) {
        if (tenThousandths < 0) {
            sb.append('-');
            tenThousandths = -tenThousandths;
        }
        long frac = tenThousandths % 10_000;
        sb.append(tenThousandths / 10_000).append('.');
        if (frac < 1000) {
            sb.append('0');
        }
        if (frac < 100) {
            sb.append('0');
        }
        if (frac < 10) {
            sb.append('0');
        }
        return sb.append(frac);
    }
}
