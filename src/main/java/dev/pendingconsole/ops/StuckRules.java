package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeySchema;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** SPEC §2's definition of a stuck buffer, with its idle threshold (default 5 minutes). */
public record StuckRules(Duration idleThreshold) {

    public static final StuckRules DEFAULT = new StuckRules(Duration.ofMinutes(5));

    /** Last push age ≈ configured TTL − remaining TTL, since every push re-applies the TTL. */
    public static Optional<Duration> lastPushAge(KeySchema schema, Optional<Duration> ttl) {
        return ttl.map(remaining -> {
            Duration age = schema.ttl().minus(remaining);
            return age.isNegative() ? Duration.ZERO : age;
        });
    }

    public Set<StuckReason> reasons(KeySchema schema, long length, Optional<Duration> ttl,
                                    Optional<TurnStatus> turn, int unreadable) {
        Set<StuckReason> reasons = EnumSet.noneOf(StuckReason.class);
        boolean running = turn.map(TurnStatus::isRunning).orElse(false);
        Optional<Duration> age = lastPushAge(schema, ttl);
        if (length > 0 && !running && age.map(a -> a.compareTo(idleThreshold) > 0).orElse(false)) {
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
