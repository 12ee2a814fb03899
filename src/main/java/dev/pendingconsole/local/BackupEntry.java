package dev.pendingconsole.local;

import dev.pendingconsole.core.RawPayload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One backed-up entry: the buffer key it came from, its index there, its exact bytes, the key's TTL at
 * the time (empty: none) and when it was saved.
 */
public record BackupEntry(byte[] key, long index, RawPayload raw, Optional<Duration> ttl, Instant exportedAt) {

    public String keyText() {
        return new String(key, StandardCharsets.UTF_8);
    }
}
