package io.streamwatch.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardWindowsTest {

    private static final long W = 20_000;
    private final ShardWindows<String> windows =
            new ShardWindows<>(new TumblingWindowAssigner(Duration.ofMillis(W)), Duration.ofSeconds(2));

    /** A buffer that keeps values, not the objects it was given, as a columnar one does. */
    private static final class CopyingBuffer extends java.util.AbstractList<String> {
        private final List<String> values = new java.util.ArrayList<>();

        @Override
        public boolean add(String entry) {
            return values.add(new String(entry));
        }

        @Override
        public String get(int index) {
            return new String(values.get(index));
        }

        @Override
        public int size() {
            return values.size();
        }
    }

    @Test
    void aBufferFilledThroughBufferForTracksTheCheckpointableEntryAsAddDoes() {
        ShardWindows<String> copying = new ShardWindows<>(new TumblingWindowAssigner(Duration.ofMillis(W)),
                Duration.ofSeconds(2), expected -> new CopyingBuffer());
        copying.bufferFor(1_000, false).add("a");
        copying.bufferFor(2_000, true).add("b");
        copying.bufferFor(21_000, false).add("c");
        assertThat(copying.newestEntryBeforeBuffered()).isEmpty();

        copying.advanceWatermark(23_000);
        ClosedWindow<String> first = copying.closeReady().get(0);
        assertThat(first.flagged()).isEqualTo(1);
        copying.release(first);
        assertThat(copying.newestEntryBeforeBuffered()).contains("b");

        copying.advanceWatermark(43_000);
        copying.closeReady().forEach(copying::release);
        assertThat(copying.newestEntryBeforeBuffered()).as("nothing buffered: the newest entry, read back")
                .contains("c");
        assertThat(copying.bufferedCount()).isZero();
    }

    @Test
    void aWindowClosesOnlyOnceTheWatermarkPassesItsEndPlusGrace() {
        windows.add(1_000, "a");
        windows.add(19_999, "b");
        windows.advanceWatermark(W + 1_999);
        assertThat(windows.closeReady()).isEmpty();
        windows.advanceWatermark(W + 2_000);
        assertThat(windows.closeReady()).singleElement().satisfies(closed -> {
            assertThat(closed.bounds()).isEqualTo(new WindowBounds(0, W));
            assertThat(closed.entries()).containsExactly("a", "b");
        });
    }

    @Test
    void recordsLandInTheWindowTheirOwnTimestampNames() {
        windows.add(25_000, "second");
        windows.add(5_000, "first-but-late");
        windows.advanceWatermark(100_000);
        assertThat(windows.closeReady())
                .extracting(ClosedWindow::bounds, ClosedWindow::entries)
                .containsExactly(
                        tuple(new WindowBounds(0, W), List.of("first-but-late")),
                        tuple(new WindowBounds(W, 2 * W), List.of("second")));
    }

    @Test
    void aLateRecordReopensItsClosedWindowAndIsFlushedOnItsOwn() {
        windows.add(1_000, "on-time");
        windows.advanceWatermark(30_000);
        windows.closeReady().forEach(windows::release);
        windows.add(2_000, "late");
        assertThat(windows.closeReady()).singleElement().satisfies(closed -> {
            assertThat(closed.bounds()).isEqualTo(new WindowBounds(0, W));
            assertThat(closed.entries()).containsExactly("late");
        });
    }

    @Test
    void theWatermarkNeverMovesBack() {
        windows.advanceWatermark(50_000);
        windows.advanceWatermark(10_000);
        assertThat(windows.watermark()).isEqualTo(50_000);
    }

    @Test
    void aClosedWindowIsHandedOutOnceAndStaysBufferedUntilReleasedSoAFailedWriteLosesNothing() {
        windows.add(1_000, "a");
        windows.add(2_000, "b");
        windows.advanceWatermark(30_000);
        ClosedWindow<String> closed = windows.closeReady().get(0);
        assertThat(windows.closeReady()).isEmpty();
        assertThat(windows.bufferedCount()).isEqualTo(2);
        assertThat(windows.newestEntryBeforeBuffered()).isEmpty();
        windows.release(closed);
        assertThat(windows.bufferedCount()).isZero();
        assertThat(windows.newestEntryBeforeBuffered()).contains("b");
    }

    @Test
    void windowsReleasedOutOfOrderMoveTheCheckpointableEntryOnlyPastTheEarliestStillBuffered() {
        windows.add(1_000, "a");
        windows.add(21_000, "b");
        windows.add(41_000, "c");
        windows.advanceWatermark(100_000);
        List<ClosedWindow<String>> closed = windows.closeReady();
        windows.release(closed.get(1));
        assertThat(windows.newestEntryBeforeBuffered()).isEmpty();
        windows.release(closed.get(0));
        assertThat(windows.newestEntryBeforeBuffered()).contains("b");
        windows.release(closed.get(2));
        assertThat(windows.newestEntryBeforeBuffered()).contains("c");
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
        List<ClosedWindow<String>> closed = windows.closeAll();
        windows.release(closed.get(0));
        // "b" is released but "x", added before it, is still buffered: only "a" is safe.
        assertThat(windows.newestEntryBeforeBuffered()).contains("a");
        windows.release(closed.get(1));
        assertThat(windows.newestEntryBeforeBuffered()).contains("y");
    }

    @Test
    void aLateRecordInAReopenedWindowHoldsTheCheckpointBackToJustBeforeIt() {
        windows.add(25_000, "x");
        windows.add(1_000, "late");
        windows.add(26_000, "y");
        windows.release(windows.closeAll().get(1));
        assertThat(windows.newestEntryBeforeBuffered()).contains("x");
    }

    @Test
    void closeAllClosesEveryWindowOldestFirstRegardlessOfTheWatermark() {
        windows.add(45_000, "c");
        windows.add(1_000, "a");
        assertThat(windows.closeAll()).extracting(ClosedWindow::entries).containsExactly(List.of("a"), List.of("c"));
        assertThat(windows.closeAll()).isEmpty();
        assertThat(windows.bufferedCount()).isEqualTo(2);
    }

    @Test
    void discardAllDropsOpenAndClosedWindowsWithoutMovingTheCheckpointableEntry() {
        windows.add(1_000, "a");
        windows.release(windows.closeAll().get(0));
        windows.add(21_000, "b");
        windows.add(41_000, "c");
        windows.advanceWatermark(50_000);
        ClosedWindow<String> beingWritten = windows.closeReady().get(0);
        windows.discardAll();
        assertThat(windows.bufferedCount()).isZero();
        assertThat(windows.closeAll()).isEmpty();
        assertThat(windows.newestEntryBeforeBuffered()).contains("a");
        // A write that completes after the discard changes nothing.
        windows.release(beingWritten);
        assertThat(windows.bufferedCount()).isZero();
        assertThat(windows.newestEntryBeforeBuffered()).contains("a");
    }

    @Test
    void aClosedWindowIsReadOnlyAndALateRecordForItGoesToAReopenedWindowNotIntoItsEntries() {
        windows.add(1_000, "a");
        windows.advanceWatermark(30_000);
        ClosedWindow<String> closed = windows.closeReady().get(0);
        assertThatThrownBy(() -> closed.entries().add("b")).isInstanceOf(UnsupportedOperationException.class);
        windows.add(2_000, "late");
        assertThat(closed.entries()).containsExactly("a");
        ClosedWindow<String> reopened = windows.closeReady().get(0);
        assertThat(reopened.bounds()).isEqualTo(closed.bounds());
        assertThat(reopened.sequence()).isNotEqualTo(closed.sequence());
        assertThat(reopened.entries()).containsExactly("late");
        // Releasing one leaves the other buffered.
        windows.release(reopened);
        assertThat(windows.bufferedCount()).isEqualTo(1);
    }
}
