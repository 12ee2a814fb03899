package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What support asks first ("did my message get through?") beside the buffer itself: every field of the
 * turn hash, the persist queue (messages drained from the buffer but not yet saved as chat rows), and the
 * idempotency claims of the client's sends ({@code reserved:<owner>} for 30 s, then {@code accepted}).
 */
public record SupportView(String metaKey, Map<String, String> turn, PersistQueue persist, List<Claim> claims) {

    /** {@code copilot:pending-persist:<sid>}: its length, TTL and first entries. */
    public record PersistQueue(String key, long length, Optional<Duration> ttl, List<BufferEntry> head) {
    }

    /** One {@code client-msg:<sid>:<message_id>} key: accepted, or reserved by an owner, with its time left. */
    public record Claim(String messageId, String value, Optional<Duration> ttl) {

        public boolean accepted() {
            return "accepted".equals(value);
        }

        /** The owner of a reservation ({@code reserved:<owner>}), or empty. */
        public Optional<String> reservedBy() {
            return value.startsWith("reserved:") ? Optional.of(value.substring("reserved:".length())) : Optional.empty();
        }
    }
}
