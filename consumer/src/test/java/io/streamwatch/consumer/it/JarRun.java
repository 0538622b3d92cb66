package io.streamwatch.consumer.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One command of the service jar run to completion as its own JVM, as a user runs it; its output kept. */
record JarRun(int exitCode, String stdout, String stderr) {

    /**
     * Runs {@code java -jar target/streamwatch-consumer.jar ARGS} with no AWS settings from this machine (no
     * profile files, no instance metadata) and {@code env} added.
     */
    static JarRun of(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        Path jar = Path.of("target/streamwatch-consumer.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().put("AWS_CONFIG_FILE", "/nonexistent/config");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("AWS_REGION", LocalEmulators.REGION);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("jar-run", ".out");
        Path err = Files.createTempFile("jar-run", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(args + " did not exit within 90 s: " + Files.readString(out));
            }
            return new JarRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /** The emulators' credentials. */
    static Map<String, String> localCredentials() {
        return Map.of("AWS_ACCESS_KEY_ID", LocalEmulators.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalEmulators.SECRET_KEY);
    }
}
