package io.streamwatch.consumer;

import io.streamwatch.consumer.cli.HealthCommand;
import io.streamwatch.consumer.cli.ProcessFileCommand;
import io.streamwatch.consumer.cli.WriteCeilingCommand;
import io.streamwatch.consumer.cli.ProduceCommand;
import io.streamwatch.consumer.cli.RunCommand;
import io.streamwatch.consumer.cli.SetupCommand;
import io.streamwatch.consumer.cli.ShowCommand;
import io.streamwatch.consumer.config.SettingsException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the consumer jar: {@code run}, {@code produce}, {@code show}, {@code setup} and more. */
@Command(name = "streamwatch-consumer", mixinStandardHelpOptions = true, version = "streamwatch-consumer 1.0",
        description = "Kinesis temperature readings -> 20 s tumbling windows -> DynamoDB.")
public final class Main {

    /**
     * The subcommands by name, in the order the usage help lists them. Registering them under these names
     * (rather than reading each class's {@code @Command} name) keeps start-up from touching the others.
     */
    private static final Map<String, Class<?>> COMMANDS;

    static {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        byName.put("run", RunCommand.class);
        byName.put("produce", ProduceCommand.class);
        byName.put("show", ShowCommand.class);
        byName.put("setup", SetupCommand.class);
        byName.put("health", HealthCommand.class);
        byName.put("process-file", ProcessFileCommand.class);
        byName.put("write-ceiling", WriteCeilingCommand.class);
        COMMANDS = Collections.unmodifiableMap(byName);
    }

    private Main() {
    }

    public static void main(String[] args) {
        selectLogFormat(args);
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 1 runtime failure, 2 bad usage or settings. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // picocli reflects over every option of every registered subcommand before parsing (~0.04 s at
        // each start, health checks included): register only the one being run when it is named first,
        // all of them otherwise (top-level help, typos).
        if (args.length > 0 && COMMANDS.containsKey(args[0])) {
            cli.addSubcommand(args[0], COMMANDS.get(args[0]));
        } else {
            COMMANDS.forEach(cli::addSubcommand);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
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
