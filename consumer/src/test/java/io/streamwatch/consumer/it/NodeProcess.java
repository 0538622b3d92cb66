package io.streamwatch.consumer.it;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An emulator run as a child Node process listening on one loopback port, its output in
 * {@code target/NAME.log}.
 */
final class NodeProcess {

    private final String name;
    private final Process process;
    private final int port;
    private final File log;

    private NodeProcess(String name, Process process, int port, File log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static NodeProcess start(String name, Path script, List<String> args, Map<String, String> env, int port)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(args);
        File log = new File("target/" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(env);
        return new NodeProcess(name, builder.start(), port, log);
    }

    int port() {
        return port;
    }

    /** Blocks until the port accepts connections; fails with the log's name if the process exits or is slow. */
    void awaitPort(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(name + " did not open port " + port + " within " + timeout + "; see " + log);
    }

    /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
