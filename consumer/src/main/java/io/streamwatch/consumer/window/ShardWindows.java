package io.streamwatch.consumer.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The open tumbling windows of one shard, keyed by the records' arrival timestamps (event time).
 *
 * <p>Rules, chosen so a replay after a crash reproduces the same assignment:
 * <ul>
 *   <li>A record always lands in the window its own arrival timestamp names
 *       ({@link TumblingWindowAssigner}); never in a window chosen by the wall clock or by what
 *       happened to be open.</li>
 *   <li>A window closes once the shard's watermark passes its end plus the grace period. The
 *       watermark only moves forward; {@link Watermark} says how it is derived.</li>
 *   <li>A late record, older than a window that already closed, reopens that window: it is flushed on
 *       its own at the next close, still with that window's bounds. It is therefore in exactly one
 *       window, the same one it would be in on any replay.</li>
 * </ul>
 *
 * <p>Not thread-safe: KCL drives each shard from one thread at a time.
 *
 * @param <T> the buffered entry type
 */
public final class ShardWindows<T> {

    private final TumblingWindowAssigner assigner;
    private final long graceMillis;
    private final TreeMap<Long, OpenWindow<T>> open = new TreeMap<>();
    private long watermark = Long.MIN_VALUE;
    /** Entries of the last window released: the next one is sized for it instead of growing by copying. */
    private int lastWindowSize = 16;
    /** The window the previous record went to, while it is open. */
    private OpenWindow<T> lastAdded;
    private long nextOrdinal;
    private int buffered;

    public ShardWindows(TumblingWindowAssigner assigner, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        this.assigner = assigner;
        this.graceMillis = grace.toMillis();
    }

    /** Buffers {@code entry} in the window of {@code arrivalMillis}. */
    public void add(long arrivalMillis, T entry) {
        OpenWindow<T> window = lastAdded;
        // Consecutive records nearly always share a window: skip the lookup (and its allocations) then.
        if (window == null || arrivalMillis < window.bounds.startMillis() || arrivalMillis >= window.bounds.endMillis()) {
            WindowBounds bounds = assigner.windowOf(arrivalMillis);
            window = open.computeIfAbsent(bounds.startMillis(),
                    s -> new OpenWindow<>(bounds, nextOrdinal, lastWindowSize));
            lastAdded = window;
        }
        window.entries.add(entry);
        nextOrdinal++;
        buffered++;
    }

    /** Moves the watermark forward; it never moves back. */
    public void advanceWatermark(long watermarkMillis) {
        watermark = Math.max(watermark, watermarkMillis);
    }

    /**
     * The windows whose end plus grace the watermark has passed, oldest first. They stay buffered until
     * {@link #release} is called after their flush succeeded, so a failed write loses nothing.
     */
    public List<ClosedWindow<T>> readyToClose() {
        List<ClosedWindow<T>> ready = new ArrayList<>();
        for (OpenWindow<T> window : open.values()) {
            if (window.bounds.endMillis() + graceMillis > watermark) {
                break;
            }
            ready.add(window.snapshot());
        }
        return ready;
    }

    /** Every open window regardless of the watermark (shard end, shutdown), oldest first; still buffered. */
    public List<ClosedWindow<T>> allOpen() {
        return open.values().stream().map(OpenWindow::snapshot).toList();
    }

    /** Forgets a window whose flush succeeded. */
    public void release(WindowBounds bounds) {
        OpenWindow<T> removed = open.remove(bounds.startMillis());
        if (removed == lastAdded) {
            lastAdded = null;
        }
        if (removed != null) {
            buffered -= removed.entries.size();
            lastWindowSize = Math.max(16, removed.entries.size());
        }
    }

    /** Drops every buffered entry without closing a window (lease lost: another worker replays them). */
    public void discardAll() {
        open.clear();
        lastAdded = null;
        buffered = 0;
    }

    /** The entry added first among those still buffered, if any: nothing at or after it may be checkpointed. */
    public Optional<T> earliestBuffered() {
        return open.values().stream()
                .min((a, b) -> Long.compare(a.firstOrdinal, b.firstOrdinal))
                .map(w -> w.entries.get(0));
    }

    public int bufferedCount() {
        return buffered;
    }

    public long watermark() {
        return watermark;
    }

    private static final class OpenWindow<T> {
        final WindowBounds bounds;
        final long firstOrdinal;
        final List<T> entries;

        OpenWindow(WindowBounds bounds, long firstOrdinal, int expectedSize) {
            this.bounds = bounds;
            this.firstOrdinal = firstOrdinal;
            this.entries = new ArrayList<>(expectedSize);
        }

        ClosedWindow<T> snapshot() {
            return new ClosedWindow<>(bounds, entries);
        }
    }
}
