package io.streamwatch.consumer.deadletter;

import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.window.WindowBounds;

/** What replaying one dead letter does. */
public sealed interface ReplayDecision {

    /** It decodes now: store it as the reading it would have been, in its original window. */
    record Replay(WindowEntry.Accepted reading, WindowBounds window, boolean anomaly) implements ReplayDecision {
    }

    /** It still does not decode; {@code reason} is today's. */
    record StillRejected(String reason) implements ReplayDecision {
    }

    /** An earlier replay stored it already. */
    record AlreadyReplayed() implements ReplayDecision {
    }

    /** Only its first 64 KiB were kept, so it cannot be decoded faithfully. */
    record Truncated() implements ReplayDecision {
    }

    /** Outside the --since or --reason selection. */
    record NotSelected() implements ReplayDecision {
    }
}
