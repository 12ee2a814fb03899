package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What support asks first ("did my message get through?") beside the buffer itself: every field of the
 * turn hash, the persist queue (messages drained from the buffer but not yet saved as chat rows), and the
 * idempotency claims of the client's sends ({@code reserved:<owner>} for 30 s, then {@code accepted}).
 */
public record SupportView(String metaKey, Map<String, String> turn, Optional<TurnEnd> turnEnd, PersistQueue persist,
                          List<Claim> claims) {

    /** The view as lines of text, the same in a terminal and in the console; user data kept on one line. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Turn (" + oneLine(metaKey) + "): " + (turn.isEmpty() ? "none" : turn.entrySet().stream()
                .map(e -> e.getKey() + "=" + oneLine(e.getValue())).collect(Collectors.joining("  "))));
        turnEnd.ifPresent(end -> out.add("  " + oneLine(end.describe(Instant.now()))));
        out.add("Persist queue (" + oneLine(persist.key()) + "): " + (persist.length() == 0 ? "empty"
                : Workspace.entries(persist.length()) + " drained but not yet saved as chat rows, TTL "
                + persist.ttl().map(Durations::compact).orElse("none")));
        for (BufferEntry entry : persist.head()) {
            out.add("  " + (entry instanceof BufferEntry.Valid v ? oneLine(v.message().content())
                    : "INVALID: " + ((BufferEntry.Invalid) entry).reason()));
        }
        out.add("Idempotency claims:" + (claims.isEmpty() ? " none" : ""));
        for (Claim claim : claims) {
            out.add("  " + oneLine(claim.messageId()) + "  " + (claim.accepted() ? "accepted"
                    : claim.reservedBy().map(o -> "reserved by " + oneLine(o)).orElse(oneLine(claim.value())))
                    + ", " + claim.ttl().map(Durations::compact).orElse("no TTL") + " left");
        }
        return out;
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", " ");
        return flat.length() > 200 ? flat.substring(0, 199) + "\u2026" : flat;
    }

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
