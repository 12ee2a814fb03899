package dev.pendingconsole.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** A key under the prefix that is not a buffer (a rate-limit counter, an idempotency key, ...), with its type. */
public record OtherKey(byte[] key, String type, Optional<Duration> ttl) {

    public String keyText() {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** What the key is to the backend, and whether it is trouble: a non-list where a buffer belongs is. */
    public String role(dev.pendingconsole.core.KeySchema schema) {
        if (BufferRef.fromKey(schema, key).isPresent()) {
            return "a " + type + " where a session's buffer belongs: the backend's push and drain fail on it (WRONGTYPE)";
        }
        String text = keyText();
        if (text.startsWith(schema.prefix() + "calls:")) {
            return "a user's push rate-limit counter";
        }
        if (text.startsWith(schema.prefix() + "client-msg:")) {
            return "an idempotency claim of a client's send";
        }
        return "not a key the backend writes";
    }

    /** Whether the backend fails on it (see {@link #role}). */
    public boolean isTrouble(dev.pendingconsole.core.KeySchema schema) {
        return BufferRef.fromKey(schema, key).isPresent();
    }
}
