package dev.pendingconsole.core;

import java.util.List;
import java.util.Map;

/**
 * A message as found in a buffer: the fields the backend reads, plus every other top-level field a
 * newer writer added, each kept as its exact JSON source text (in order of appearance). No length limits
 * apply here; validity against the backend is decided by {@link MessageCodec}.
 */
public record StoredMessage(String content, List<String> fileIds, PendingMessageContext context,
                            Map<String, String> unknownFields) {

    public StoredMessage {
        fileIds = List.copyOf(fileIds);
        unknownFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unknownFields));
    }

    /**
     * When today's backend queued it ({@code enqueued_at}, unix seconds), if the entry says; empty for the
     * seed's entries and for a value that is not a number.
     */
    public java.util.Optional<java.time.Instant> enqueuedAt() {
        return enqueuedAt(unknownFields.get("enqueued_at"));
    }

    /** An {@code enqueued_at} value's source text as a time; empty for null and for a value that is not a number. */
    static java.util.Optional<java.time.Instant> enqueuedAt(String raw) {
        if (raw == null) {
            return java.util.Optional.empty();
        }
        try {
            java.math.BigDecimal seconds = new java.math.BigDecimal(raw.trim());
            long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.subtract(java.math.BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return java.util.Optional.of(java.time.Instant.ofEpochSecond(whole, nanos));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            return java.util.Optional.empty();
        }
    }

    public String modelView() {
        return ModelView.format(content, fileIds, context);
    }
}
