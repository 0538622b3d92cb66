package io.streamwatch.regression.spark;

import io.streamwatch.regression.cli.RegressionCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: one local[2] session for the JVM (starting one costs seconds), and the two command lines
 * under test run in-process with their standard output captured. Not thread-safe: the tests run one at a time.
 */
final class LocalSpark {

    static final Path DATA = Path.of(System.getProperty("shared.data.dir", "../../shared/data"));
    static final Path LOAN = DATA.resolve("loan-prediction").resolve("train.csv");
    static final Path NIST = DATA.resolve("nist-strd");

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("regression-spark tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** Makes Spark cut files into parts of at most this many bytes: several partitions even for small files. */
    static void partitionBytes(long bytes) {
        session().conf().set("spark.sql.files.maxPartitionBytes", Long.toString(bytes));
    }

    /** What the CLI ({@code streamwatch-regression ARGS}) prints; fails unless it exits 0. */
    static String cli(String... args) {
        return run(() -> RegressionCli.execute(args));
    }

    /** What {@code SparkFit ARGS} prints on the tests' session; fails unless it exits 0. */
    static String spark(String... args) {
        session();
        return run(() -> SparkFit.execute(args));
    }

    /** The exit code and standard error of {@code SparkFit ARGS} (or of the CLI when {@code cli}). */
    record Failure(int code, String stderr) {
    }

    static Failure failure(boolean cli, String... args) {
        session();
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        PrintStream originalOut = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            int code = cli ? RegressionCli.execute(args) : SparkFit.execute(args);
            return new Failure(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
            System.setOut(originalOut);
        }
    }

    private static String run(IntSupplier command) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            code = command.getAsInt();
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        if (code != 0) {
            throw new AssertionError("exit " + code + ":\n" + printed);
        }
        return printed;
    }
}
