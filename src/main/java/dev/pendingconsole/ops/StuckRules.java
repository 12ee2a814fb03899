package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.Glance;
import dev.pendingconsole.core.KeySchema;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SPEC §2's definition of a stuck buffer, with its idle threshold (default 5 minutes). */
public record StuckRules(Duration idleThreshold) {

    public static final StuckRules DEFAULT = new StuckRules(Duration.ofMinutes(5));

    /** Last push age ≈ configured TTL − remaining TTL, since every push re-applies the TTL. */
    public static Optional<Duration> lastPushAge(KeySchema schema, Optional<Duration> ttl) {
        if (ttl.isEmpty()) {
            return ttl;
        }
        Duration age = schema.ttl().minus(ttl.get());
        return Optional.of(age.isNegative() ? Duration.ZERO : age);
    }

    /**
     * The last push's age from the newest entry's {@code enqueued_at} when the {@code read} entries are the
     * whole list of {@code length} (exact: a TTL change or a restore does not falsify it), else the TTL estimate.
     */
    public static Optional<Duration> lastPushAge(KeySchema schema, Optional<Duration> ttl, long length, int read,
                                                 Glance newest) {
        Optional<Duration> exact = exactAge(length, read, newest);
        return exact.isPresent() ? exact : lastPushAge(schema, ttl);
    }

    /** The age from the newest entry's enqueued_at, when {@code entries} end with the list's last entry. */
    public static Optional<Duration> exactAge(long length, List<BufferEntry> entries) {
        return entries.isEmpty() ? Optional.empty()
                : exactAge(length, entries.size(), Glance.of(entries.get(entries.size() - 1)));
    }

    /** The age from {@code newest}'s enqueued_at, when it is the list's last entry: {@code read} entries of {@code length}. */
    static Optional<Duration> exactAge(long length, int read, Glance newest) {
        return read == 0 || read != length ? Optional.empty() : ageOf(newest);
    }

    /** How long ago an entry was queued, by its enqueued_at; empty when it does not say (or is unreadable). */
    public static Optional<Duration> ageOf(Glance entry) {
        return entry.enqueuedAt().map(at -> {
            Duration age = Duration.between(at, Instant.now());
            return age.isNegative() ? Duration.ZERO : age;
        });
    }

    public Set<StuckReason> reasons(KeySchema schema, long length, Optional<Duration> ttl,
                                    Optional<TurnStatus> turn, int unreadable) {
        return reasons(schema, length, ttl, lastPushAge(schema, ttl), turn, unreadable);
    }

    /** As above, with the last push's age known (exact from the payload, or the TTL estimate). */
    public Set<StuckReason> reasons(KeySchema schema, long length, Optional<Duration> ttl, Optional<Duration> age,
                                    Optional<TurnStatus> turn, int unreadable) {
        Set<StuckReason> reasons = EnumSet.noneOf(StuckReason.class);
        boolean running = turn.map(TurnStatus::isRunning).orElse(false);
        if (length > 0 && !running && age.isPresent() && age.get().compareTo(idleThreshold) > 0) {
            reasons.add(StuckReason.IDLE);
        }
        if (ttl.isEmpty() && length > 0) {
            reasons.add(StuckReason.NO_TTL);
        }
        if (length > schema.cap()) {
            reasons.add(StuckReason.OVER_CAP);
        }
        if (unreadable > 0) {
            reasons.add(StuckReason.UNREADABLE);
        }
        return reasons;
    }
}
