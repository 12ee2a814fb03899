package dev.pendingconsole.ops;

import java.time.Duration;
import java.util.Optional;

/** A buffer's TTL before and after a change (empty: none, it never expires). */
public record TtlOutcome(BufferRef ref, Optional<Duration> before, Optional<Duration> after) {
}
