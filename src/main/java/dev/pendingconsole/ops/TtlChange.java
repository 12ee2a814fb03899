package dev.pendingconsole.ops;

import java.time.Duration;

/** How to change a buffer's TTL. */
public sealed interface TtlChange {

    /** Expire after exactly this long. */
    record Set(Duration ttl) implements TtlChange {
    }

    /** Add this much to the remaining TTL (or to nothing, when the buffer has none). */
    record Extend(Duration by) implements TtlChange {
    }

    /** Remove the TTL: the buffer will never expire. */
    record Persist() implements TtlChange {
    }
}
