package io.streamwatch.regression.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** When {@code fit} uses the constant-memory streaming fit. */
enum StreamingMode {
    AUTO, ON, OFF;

    boolean use(Path file) {
        return switch (this) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> {
                try {
                    // Parsed rows take several times the file's size on the heap.
                    yield Files.size(file) > Runtime.getRuntime().maxMemory() / 4;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        };
    }
}
