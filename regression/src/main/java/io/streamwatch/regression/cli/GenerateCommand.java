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
 * decimals and {@code y = 5 + sum(j * x_j) + N(0, 50^2)}: about 110 bytes a row for 10 features.
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

    @Override
    public Integer call() throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder line = new StringBuilder(160);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            for (int j = 1; j <= features; j++) {
                line.append('x').append(j).append(',');
            }
            os.write(line.append("y\n").toString().getBytes(StandardCharsets.US_ASCII));
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
                appendFixed4(line, Math.round(y * 1e4)).append('\n');
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
