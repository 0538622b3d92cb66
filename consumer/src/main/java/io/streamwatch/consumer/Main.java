package io.streamwatch.consumer;

import io.streamwatch.consumer.cli.HealthCommand;
import io.streamwatch.consumer.cli.ProcessFileCommand;
import io.streamwatch.consumer.cli.WriteCeilingCommand;
import io.streamwatch.consumer.cli.ProduceCommand;
import io.streamwatch.consumer.cli.RunCommand;
import io.streamwatch.consumer.cli.SetupCommand;
import io.streamwatch.consumer.cli.ShowCommand;
import io.streamwatch.consumer.config.SettingsException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the consumer jar: {@code run}, {@code produce}, {@code show}, {@code setup}. */
@Command(name = "streamwatch-consumer", mixinStandardHelpOptions = true, version = "streamwatch-consumer 1.0",
        description = "Kinesis temperature readings -> 20 s tumbling windows -> DynamoDB.",
        subcommands = {RunCommand.class, ProduceCommand.class, ShowCommand.class, SetupCommand.class,
                HealthCommand.class, ProcessFileCommand.class, WriteCeilingCommand.class})
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        selectLogFormat(args);
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 1 runtime failure, 2 bad usage or settings. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SettingsException) {
                cmd.getErr().println(e.getMessage());
                return 2;
            }
            cmd.getErr().println("Error: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).error("Command failed", e);
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * Logback reads {@code LOG_FORMAT} when it configures itself, before any command is parsed, so the
     * {@code --log-format} flag is copied into that property first.
     */
    private static void selectLogFormat(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].startsWith("--log-format=")) {
                value = args[i].substring("--log-format=".length());
            } else if (args[i].equals("--log-format") && i + 1 < args.length) {
                value = args[i + 1];
            }
            if (value != null) {
                System.setProperty("LOG_FORMAT", value.toUpperCase(Locale.ROOT));
            }
        }
    }
}
