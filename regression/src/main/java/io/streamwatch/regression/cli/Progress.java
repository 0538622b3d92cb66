package io.streamwatch.regression.cli;

import java.util.concurrent.atomic.AtomicLong;

/** A progress bar on standard error while a large file is read; silent when stderr is not a terminal. */
final class Progress implements AutoCloseable {

    private final AtomicLong done = new AtomicLong();
    private final Thread painter;

    private Progress(long total, boolean show) {
        painter = show ? new Thread(() -> paint(total), "progress") : null;
        if (painter != null) {
            painter.setDaemon(true);
            painter.start();
        }
    }

    static Progress onConsole(long totalBytes) {
        return new Progress(totalBytes, System.console() != null && totalBytes > (64L << 20));
    }

    AtomicLong counter() {
        return done;
    }

    private void paint(long total) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                int percent = (int) Math.min(100, done.get() * 100 / Math.max(1, total));
                System.err.printf("\r[%-40s] %3d%%", "#".repeat(percent * 40 / 100), percent);
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (painter != null) {
            painter.interrupt();
            System.err.print("\r" + " ".repeat(50) + "\r");
        }
    }
}
