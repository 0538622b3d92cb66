package io.streamwatch.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardWindowsTest {

    private static final long W = 20_000;
    private final ShardWindows<String> windows =
            new ShardWindows<>(new TumblingWindowAssigner(Duration.ofMillis(W)), Duration.ofSeconds(2));

    @Test
    void aWindowClosesOnlyOnceTheWatermarkPassesItsEndPlusGrace() {
        windows.add(1_000, "a");
        windows.add(19_999, "b");
        windows.advanceWatermark(W + 1_999);
        assertThat(windows.readyToClose()).isEmpty();
        windows.advanceWatermark(W + 2_000);
        assertThat(windows.readyToClose()).containsExactly(new ClosedWindow<>(new WindowBounds(0, W), List.of("a", "b")));
    }

    @Test
    void recordsLandInTheWindowTheirOwnTimestampNames() {
        windows.add(25_000, "second");
        windows.add(5_000, "first-but-late");
        windows.advanceWatermark(100_000);
        assertThat(windows.readyToClose()).containsExactly(
                new ClosedWindow<>(new WindowBounds(0, W), List.of("first-but-late")),
                new ClosedWindow<>(new WindowBounds(W, 2 * W), List.of("second")));
    }

    @Test
    void aLateRecordReopensItsClosedWindowAndIsFlushedOnItsOwn() {
        windows.add(1_000, "on-time");
        windows.advanceWatermark(30_000);
        windows.readyToClose().forEach(w -> windows.release(w.bounds()));
        windows.add(2_000, "late");
        assertThat(windows.readyToClose()).containsExactly(new ClosedWindow<>(new WindowBounds(0, W), List.of("late")));
    }

    @Test
    void theWatermarkNeverMovesBack() {
        windows.advanceWatermark(50_000);
        windows.advanceWatermark(10_000);
        assertThat(windows.watermark()).isEqualTo(50_000);
    }

    @Test
    void closedWindowsStayBufferedUntilReleasedSoAFailedWriteLosesNothing() {
        windows.add(1_000, "a");
        windows.advanceWatermark(30_000);
        assertThat(windows.readyToClose()).hasSize(1);
        assertThat(windows.readyToClose()).hasSize(1);
        assertThat(windows.bufferedCount()).isEqualTo(1);
        windows.release(new WindowBounds(0, W));
        assertThat(windows.readyToClose()).isEmpty();
        assertThat(windows.bufferedCount()).isZero();
    }

    @Test
    void nothingIsCheckpointableWhileTheFirstEntryIsBuffered() {
        assertThat(windows.newestEntryBeforeBuffered()).isEmpty();
        windows.add(1_000, "a");
        windows.add(2_000, "b");
        assertThat(windows.newestEntryBeforeBuffered()).isEmpty();
    }

    @Test
    void theCheckpointableEntryIsTheOneAddedJustBeforeTheEarliestStillBuffered() {
        windows.add(1_000, "a");
        windows.add(25_000, "x");
        windows.add(1_500, "b");
        windows.add(26_000, "y");
        windows.release(new WindowBounds(0, W));
        // "b" is released but "x", added before it, is still buffered: only "a" is safe.
        assertThat(windows.newestEntryBeforeBuffered()).contains("a");
        windows.release(new WindowBounds(W, 2 * W));
        assertThat(windows.newestEntryBeforeBuffered()).contains("y");
    }

    @Test
    void aLateRecordInAReopenedWindowHoldsTheCheckpointBackToJustBeforeIt() {
        windows.add(25_000, "x");
        windows.add(1_000, "late");
        windows.add(26_000, "y");
        windows.release(new WindowBounds(W, 2 * W));
        assertThat(windows.newestEntryBeforeBuffered()).contains("x");
    }

    @Test
    void allOpenReturnsEveryWindowOldestFirstRegardlessOfTheWatermark() {
        windows.add(45_000, "c");
        windows.add(1_000, "a");
        assertThat(windows.allOpen()).extracting(ClosedWindow::entries).containsExactly(List.of("a"), List.of("c"));
    }

    @Test
    void discardAllDropsEverythingWithoutMovingTheCheckpointableEntry() {
        windows.add(1_000, "a");
        windows.release(new WindowBounds(0, W));
        windows.add(21_000, "b");
        windows.discardAll();
        assertThat(windows.bufferedCount()).isZero();
        assertThat(windows.allOpen()).isEmpty();
        assertThat(windows.newestEntryBeforeBuffered()).contains("a");
    }

    @Test
    void aClosedWindowIsAReadOnlyViewThatFailsFastIfTheWindowChangesBeforeRelease() {
        windows.add(1_000, "a");
        windows.advanceWatermark(30_000);
        ClosedWindow<String> closed = windows.readyToClose().get(0);
        assertThatThrownBy(() -> closed.entries().add("b")).isInstanceOf(UnsupportedOperationException.class);
        windows.add(2_000, "late");
        assertThatThrownBy(() -> closed.entries().get(0)).isInstanceOf(ConcurrentModificationException.class);
    }
}
