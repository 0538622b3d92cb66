package io.streamwatch.consumer.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

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
    private final IntFunction<List<T>> buffers;
    private final long graceMillis;
    private final TreeMap<Long, OpenWindow<T>> open = new TreeMap<>();
    /** Closed windows not yet released (writes running or failed), by their sequence number. */
    private final HashMap<Long, OpenWindow<T>> closed = new HashMap<>();
    private long watermark = Long.MIN_VALUE;
    /** Entries of the last window released: the next one is sized for it instead of growing by copying. */
    private int lastWindowSize = 16;
    /** The window the previous record went to, while it is open. */
    private OpenWindow<T> lastAdded;
    /**
     * The window holding the entry added last, as its buffer's last element: the entry is read from the
     * buffer only when needed (a window opening, nothing left buffered), so a buffer that stores entries by
     * column never rebuilds one per record. Null once that window is released or discarded.
     */
    private OpenWindow<T> newestIn;
    /** The entry added last once {@link #newestIn} is gone, or what {@link #discardAll} left; null before any. */
    private T newestEntry;
    private long nextOrdinal;
    private int buffered;

    public ShardWindows(TumblingWindowAssigner assigner, Duration grace) {
        this(assigner, grace, ArrayList::new);
    }

    /**
     * @param buffers makes a window's entry buffer for an expected size: an append-only list (the pipeline
     *                passes a columnar one, which holds a reading in a fraction of the objects' memory)
     */
    public ShardWindows(TumblingWindowAssigner assigner, Duration grace, IntFunction<List<T>> buffers) {
        this.buffers = buffers;
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        this.assigner = assigner;
        this.graceMillis = grace.toMillis();
    }

    /** Buffers {@code entry} in the window of {@code arrivalMillis}. */
    public void add(long arrivalMillis, T entry) {
        add(arrivalMillis, entry, false);
    }

    /**
     * Buffers {@code entry} in the window of {@code arrivalMillis}, counting it among the window's flagged
     * entries (anomalies, for the status page) when {@code flagged}.
     */
    public void add(long arrivalMillis, T entry, boolean flagged) {
        bufferFor(arrivalMillis, flagged).add(entry);
    }

    /**
     * The buffer of the window of {@code arrivalMillis}, for the caller to append exactly one entry to before
     * any other call: {@link #add} for a buffer with its own way of appending (a columnar one, fed straight
     * from the decoder). The entry counts among the window's flagged entries when {@code flagged}.
     */
    public List<T> bufferFor(long arrivalMillis, boolean flagged) {
        OpenWindow<T> window = lastAdded;
        // Consecutive records nearly always share a window: skip the lookup (and its allocations) then.
        if (window == null || arrivalMillis < window.bounds.startMillis() || arrivalMillis >= window.bounds.endMillis()) {
            WindowBounds bounds = assigner.windowOf(arrivalMillis);
            window = open.get(bounds.startMillis());
            if (window == null) {
                window = new OpenWindow<>(bounds, nextOrdinal, newest(), buffers.apply(lastWindowSize));
                open.put(bounds.startMillis(), window);
            }
            lastAdded = window;
        }
        if (flagged) {
            window.flagged++;
        }
        newestIn = window;
        nextOrdinal++;
        buffered++;
        return window.entries;
    }

    /** The entry added last, or what {@link #discardAll} left; null before any. */
    private T newest() {
        return newestIn == null ? newestEntry : newestIn.entries.get(newestIn.entries.size() - 1);
    }

    /** Moves the watermark forward; it never moves back. */
    public void advanceWatermark(long watermarkMillis) {
        watermark = Math.max(watermark, watermarkMillis);
    }

    /**
     * Closes the windows whose end plus grace the watermark has passed and hands them out, oldest first.
     * They leave the open set (a late record for one of them opens a new window with the same bounds) but
     * stay buffered, holding the checkpoint back, until {@link #release} is called after their writes
     * succeeded; so a write that fails or is still running loses nothing.
     */
    public List<ClosedWindow<T>> closeReady() {
        List<ClosedWindow<T>> ready = new ArrayList<>();
        while (!open.isEmpty() && open.firstEntry().getValue().bounds.endMillis() + graceMillis <= watermark) {
            ready.add(close(open.pollFirstEntry().getValue()));
        }
        return ready;
    }

    /** Closes every open window regardless of the watermark (shard end, shutdown), oldest first; still buffered. */
    public List<ClosedWindow<T>> closeAll() {
        List<ClosedWindow<T>> all = new ArrayList<>(open.size());
        while (!open.isEmpty()) {
            all.add(close(open.pollFirstEntry().getValue()));
        }
        return all;
    }

    /**
     * Closes the oldest open window before the watermark reaches it: the memory budget's way to write what a
     * shard buffers when it has nothing else being written. Records that arrive later for the same window
     * open it again and are flushed on their own with the same bounds, as late records are, so every item is
     * the same as on any replay.
     */
    public Optional<ClosedWindow<T>> closeOldestEarly() {
        return open.isEmpty() ? Optional.empty() : Optional.of(close(open.pollFirstEntry().getValue()));
    }

    /** Forgets a closed window whose writes succeeded; its entries stop holding the checkpoint back. */
    public void release(ClosedWindow<T> window) {
        OpenWindow<T> removed = closed.remove(window.sequence());
        if (removed != null) {
            if (removed == newestIn) {
                newestEntry = newest();
                newestIn = null;
            }
            buffered -= removed.entries.size();
            lastWindowSize = Math.max(16, removed.entries.size());
        }
    }

    /**
     * Drops every buffered entry, open or closed and not released (lease lost: another worker replays them). The
     * checkpointable entry stays where it was: the dropped entries were never written.
     */
    public void discardAll() {
        newestEntry = newestEntryBeforeBuffered().orElse(null);
        newestIn = null;
        open.clear();
        closed.clear();
        lastAdded = null;
        buffered = 0;
    }

    /**
     * The newest entry added before every entry still buffered: it and everything added before it has left
     * the buffer through {@link #release}, so checkpointing it loses nothing. Empty while the first entry
     * ever added is still buffered, or before any was added.
     */
    public Optional<T> newestEntryBeforeBuffered() {
        OpenWindow<T> earliest = earliestOf(closed.values(), earliestOf(open.values(), null));
        return Optional.ofNullable(earliest == null ? newest() : earliest.addedBefore);
    }

    /** The window opened first among {@code windows} and {@code soFar} (which may be null). */
    private static <T> OpenWindow<T> earliestOf(Collection<OpenWindow<T>> windows, OpenWindow<T> soFar) {
        OpenWindow<T> earliest = soFar;
        for (OpenWindow<T> window : windows) {
            if (earliest == null || window.firstOrdinal < earliest.firstOrdinal) {
                earliest = window;
            }
        }
        return earliest;
    }

    private ClosedWindow<T> close(OpenWindow<T> window) {
        if (window == lastAdded) {
            lastAdded = null;
        }
        closed.put(window.firstOrdinal, window);
        // No copy: once closed, nothing adds to this list again. A custom buffer is handed out as it is (it
        // may offer cheaper reads than the List interface; it must be append-only); a plain list read-only.
        List<T> entries = window.entries instanceof ArrayList ? Collections.unmodifiableList(window.entries)
                : window.entries;
        return new ClosedWindow<>(window.firstOrdinal, window.bounds, entries, window.flagged);
    }

    /** Entries added and not yet released: those in open windows and in closed windows still being written. */
    public int bufferedCount() {
        return buffered;
    }

    public long watermark() {
        return watermark;
    }

    /** The windows still open, earliest first: their bounds, entries and flagged entries so far. */
    public List<OpenWindowSummary> openWindows() {
        List<OpenWindowSummary> summaries = new ArrayList<>(open.size());
        open.values().forEach(w -> summaries.add(new OpenWindowSummary(w.bounds, w.entries.size(), w.flagged)));
        return summaries;
    }

    /** An open window at a glance. */
    public record OpenWindowSummary(WindowBounds bounds, int entries, int flagged) {
    }

    private static final class OpenWindow<T> {
        final WindowBounds bounds;
        final long firstOrdinal;
        /** The entry added just before this window's first one (null if none): one per window, not per entry. */
        final T addedBefore;
        final List<T> entries;
        int flagged;

        OpenWindow(WindowBounds bounds, long firstOrdinal, T addedBefore, List<T> entries) {
            this.bounds = bounds;
            this.firstOrdinal = firstOrdinal;
            this.addedBefore = addedBefore;
            this.entries = entries;
        }

    }
}
