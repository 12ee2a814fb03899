package dev.pendingconsole.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message as found in a buffer: the fields the backend reads, plus every other top-level field a
 * newer writer added, each kept as its exact JSON source text (in order of appearance). No length limits
 * apply here; validity against the backend is decided by {@link MessageCodec}.
 */
public record StoredMessage(String content, List<String> fileIds, PendingMessageContext context,
                            Map<String, String> unknownFields) {

    public StoredMessage {
        fileIds = List.copyOf(fileIds);
        unknownFields = Collections.unmodifiableMap(new LinkedHashMap<>(unknownFields));
    }

    /**
     * When today's backend queued it ({@code enqueued_at}, unix seconds), if the entry says; empty for the
     * seed's entries and for a value that is not a number.
     */
    public Optional<Instant> enqueuedAt() {
        return enqueuedAt(unknownFields.get("enqueued_at"));
    }

    /** An {@code enqueued_at} value's source text as a time; empty for null and for a value that is not a number. */
    static Optional<Instant> enqueuedAt(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            BigDecimal seconds = new BigDecimal(raw.trim());
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole, nanos));
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }

    public String modelView() {
        return ModelView.format(content, fileIds, context);
    }
}
