package dev.pendingconsole.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** A key under the prefix that is not a buffer (a rate-limit counter, an idempotency key, ...), with its type. */
public record OtherKey(byte[] key, String type, Optional<Duration> ttl) {

    public String keyText() {
        return new String(key, StandardCharsets.UTF_8);
    }
}
