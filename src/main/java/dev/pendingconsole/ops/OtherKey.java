package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeySchema;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A key under the prefix that is not a buffer (a rate-limit counter, an idempotency key, ...), with its type.
 * A console holds a million of them on a large keyspace, so the TTL is kept in milliseconds and the type is
 * one of Redis's shared names, not an object each.
 */
public final class OtherKey {

    private static final long NO_TTL = -1;

    private final byte[] key;
    private final String type;
    private final long ttlMillis;

    public OtherKey(byte[] key, String type, Optional<Duration> ttl) {
        this.key = key;
        this.type = shared(type);
        this.ttlMillis = ttl.map(Duration::toMillis).orElse(NO_TTL);
    }

    public byte[] key() {
        return key;
    }

    /** Its type, as TYPE answered it. */
    public String type() {
        return type;
    }

    public Optional<Duration> ttl() {
        return ttlMillis == NO_TTL ? Optional.empty() : Optional.of(Duration.ofMillis(ttlMillis));
    }

    /** The types TYPE names (besides "none"): an other key's type is one of these strings, shared. */
    public static final List<String> TYPES = List.of("string", "list", "hash", "set", "zset", "stream");

    private static String shared(String type) {
        int at = TYPES.indexOf(type);
        return at < 0 ? type : TYPES.get(at);
    }

    public String keyText() {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** What the key is to the backend, and whether it is trouble: a non-list where a buffer belongs is. */
    public String role(KeySchema schema) {
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
    public boolean isTrouble(KeySchema schema) {
        return BufferRef.fromKey(schema, key).isPresent();
    }
}
