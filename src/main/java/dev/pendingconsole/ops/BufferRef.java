package dev.pendingconsole.ops;

import dev.pendingconsole.core.BackendGeneration;
import dev.pendingconsole.core.Bytes;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.SessionId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** One buffer: its session and the key layout it was found under. */
public record BufferRef(SessionId session, KeyLayout layout) {

    /** Sub-prefixes the backend uses for keys that are not buffers, whatever their type. */
    static final List<String> RESERVED = List.of("calls:", "client-msg:", "notify:");
    private static final byte[][] RESERVED_BYTES = RESERVED.stream().map(r -> r.getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new);

    public byte[] key(KeySchema schema) {
        return schema.withLayout(layout).bufferKey(session);
    }

    public String keyText(KeySchema schema) {
        return new String(key(schema), StandardCharsets.UTF_8);
    }

    /** The schema adjusted to this buffer's layout, for the core operations. */
    public KeySchema schemaFor(KeySchema schema) {
        KeySchema laid = schema.withLayout(layout);
        if (generation() == BackendGeneration.SEED) {
            return laid;
        }
        KeySchema current = laid.withMaxContentLength(generation().maxContentLength());
        return schema.publishMode() == PublishMode.NONE ? current
                : current.withPublishMode(generation().publishMode());
    }

    /** Which backend wrote it, told by its key's layout; its rules judge this buffer. */
    public BackendGeneration generation() {
        return BackendGeneration.of(layout);
    }

    /** Its turn meta hash, where its generation keeps it. */
    public byte[] metaKey(KeySchema schema) {
        return generation().metaKey(schema, session);
    }

    /**
     * The buffer a key would be, from its name alone: {@code prefix{id}} is the hash-tag layout, any other
     * {@code prefix id} the plain one; reserved names (rate-limit counters, idempotency keys) are not.
     */
    public static Optional<BufferRef> fromKey(KeySchema schema, byte[] key) {
        int end = schema.prefixEnd(key);
        if (end < 0) {
            return Optional.empty();
        }
        for (byte[] r : RESERVED_BYTES) {
            if (Bytes.startsWith(key, end, r)) {
                return Optional.empty();
            }
        }
        // as KeySchema.sessionOf reads it under each layout, hash tag first, in one pass over the key
        int last = key.length - 1;
        if (key.length - end >= 3 && key[end] == '{' && key[last] == '}') {
            return Optional.of(new BufferRef(SessionId.ofBytes(key, end + 1, last), KeyLayout.HASH_TAG));
        }
        return Optional.of(new BufferRef(SessionId.ofBytes(key, end, key.length), KeyLayout.PLAIN));
    }
}
