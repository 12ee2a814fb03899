package dev.pendingconsole.ops;

import dev.pendingconsole.core.SessionId;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * One buffer as a scan found it: length, remaining TTL (empty when the key has none), the age of its
 * last push derived from the TTL, its turn status (empty when there is no metadata), how many of the
 * entries checked the backend cannot parse, why it is stuck (empty when it is not), and, for a scan that
 * searched inside messages, the indexes of the entries that matched; and the age of its oldest entry where
 * that entry says when it was queued (today's {@code enqueued_at}; empty for the seed's); the bytes of the
 * entries the scan read (the first cap's worth).
 */
public record BufferSummary(BufferRef ref, long length, Optional<Duration> ttl, Optional<Duration> lastPushAge,
                            Optional<TurnStatus> turn, int unreadable, Set<StuckReason> stuck,
                            java.util.List<Integer> matches, Optional<Duration> oldestAge, long bytes) {

    public BufferSummary {
        stuck = Set.copyOf(stuck);
        matches = java.util.List.copyOf(matches);
    }

    public BufferSummary(BufferRef ref, long length, Optional<Duration> ttl, Optional<Duration> lastPushAge,
                         Optional<TurnStatus> turn, int unreadable, Set<StuckReason> stuck) {
        this(ref, length, ttl, lastPushAge, turn, unreadable, stuck, java.util.List.of(), Optional.empty(), 0);
    }

    /**
     * How long its oldest message has waited: exact where the head entry carries enqueued_at, else the last
     * push's age, which it has waited at least (a lower bound; {@link #oldestAgeExact()} says which).
     */
    public Optional<Duration> oldestWait() {
        return oldestAge.isPresent() ? oldestAge : lastPushAge;
    }

    public boolean oldestAgeExact() {
        return oldestAge.isPresent();
    }

    public SessionId session() {
        return ref.session();
    }

    public boolean isStuck() {
        return !stuck.isEmpty();
    }
}
