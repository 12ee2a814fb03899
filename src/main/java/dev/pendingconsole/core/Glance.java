package dev.pendingconsole.core;

import java.time.Instant;
import java.util.Optional;

/**
 * What a scan needs of one entry: whether the backend's drain reads it, and the exact source text of its
 * {@code enqueued_at} (null when it has none). {@link MessageCodec#glance} gives the same answers as
 * {@link MessageCodec#decode}, without building the message.
 */
public record Glance(boolean readable, String enqueuedAtText) {

    static final Glance READABLE = new Glance(true, null);
    static final Glance UNREADABLE = new Glance(false, null);

    /** What a decoded entry says. */
    public static Glance of(BufferEntry entry) {
        return entry instanceof BufferEntry.Valid v
                ? new Glance(true, v.message().unknownFields().get("enqueued_at")) : UNREADABLE;
    }

    /** When today's backend queued it, as {@link StoredMessage#enqueuedAt()} reads it. */
    public Optional<Instant> enqueuedAt() {
        return StoredMessage.enqueuedAt(enqueuedAtText);
    }
}
