package io.streamwatch.consumer.sink;

import java.time.Duration;

/** Waits; a seam so retry tests run without real sleeps. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
