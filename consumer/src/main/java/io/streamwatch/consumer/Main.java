package io.streamwatch.consumer;

import io.streamwatch.consumer.cli.HealthCommand;
import io.streamwatch.consumer.cli.ProcessFileCommand;
import io.streamwatch.consumer.cli.WriteCeilingCommand;
import io.streamwatch.consumer.cli.ProduceCommand;
import io.streamwatch.consumer.cli.ReplayRejectedCommand;
import io.streamwatch.consumer.cli.RunCommand;
import io.streamwatch.consumer.cli.SetupCommand;
import io.streamwatch.consumer.cli.ShowCommand;
import io.streamwatch.consumer.config.SettingsException;
import io.streamwatch.consumer.startup.StartupException;
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
        byName.put("replay-rejected", ReplayRejectedCommand.class);
        COMMANDS = Collections.unmodifiableMap(byName);
    }

    private Main() {
    }

    /** Anywhere on the command line: print the stack trace of a failure, not only its one line. */
    static final String DEBUG = "--debug";

    public static void main(String[] args) {
        selectLogFormat(args);
        System.exit(execute(args));
    }

    /**
     * Runs a command line and returns its exit code: 0 ok, 1 runtime failure, 2 bad usage, settings or
     * configuration (credentials, permissions, a missing stream or table).
     */
    public static int execute(String... commandLine) {
        boolean debug = java.util.Arrays.asList(commandLine).contains(DEBUG);
        String[] args = java.util.Arrays.stream(commandLine).filter(a -> !a.equals(DEBUG)).toArray(String[]::new);
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
            int code = e instanceof SettingsException ? 2 : e instanceof StartupException s ? s.exitCode() : 1;
            boolean explained = e instanceof SettingsException || e instanceof StartupException;
            cmd.getErr().println(explained ? e.getMessage()
                    : "Error: " + e.getMessage() + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(cmd.getErr());
            }
            return code;
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
