package dev.pendingconsole.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the backend keeps its buffers and how it treats them: key prefix and layout, cap, TTL, turn
 * metadata prefix, publish mode, and the content limit its reader applies. {@link #SEED} holds the
 * values of the seed's {@code pending_messages.py}; a connection profile may change any of them.
 */
public record KeySchema(String prefix, KeyLayout layout, int cap, Duration ttl, String metaPrefix,
                        PublishMode publishMode, int maxContentLength) {

    public static final KeySchema SEED = new KeySchema("copilot:pending:", KeyLayout.PLAIN, 10,
            Duration.ofSeconds(3600), "chat:task:meta:", PublishMode.PUBLISH, PendingMessage.MAX_CONTENT);

    private static final byte[] NOTIFY_PAYLOAD = {'1'};

    public KeySchema {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(metaPrefix, "metaPrefix");
        Objects.requireNonNull(publishMode, "publishMode");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix must not be empty");
        }
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, was " + cap);
        }
        if (ttl.getSeconds() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 second, was " + ttl);
        }
        if (maxContentLength < 1) {
            throw new IllegalArgumentException("maxContentLength must be at least 1, was " + maxContentLength);
        }
    }

    public KeySchema withLayout(KeyLayout newLayout) {
        return newLayout == layout ? this : new KeySchema(prefix, newLayout, cap, ttl, metaPrefix, publishMode, maxContentLength);
    }

    public KeySchema withCap(int newCap) {
        return new KeySchema(prefix, layout, newCap, ttl, metaPrefix, publishMode, maxContentLength);
    }

    public KeySchema withTtl(Duration newTtl) {
        return new KeySchema(prefix, layout, cap, newTtl, metaPrefix, publishMode, maxContentLength);
    }

    public KeySchema withPublishMode(PublishMode mode) {
        return new KeySchema(prefix, layout, cap, ttl, metaPrefix, mode, maxContentLength);
    }

    public KeySchema withMaxContentLength(int limit) {
        return new KeySchema(prefix, layout, cap, ttl, metaPrefix, publishMode, limit);
    }

    public KeySchema withPrefix(String newPrefix) {
        return new KeySchema(newPrefix, layout, cap, ttl, metaPrefix, publishMode, maxContentLength);
    }

    /** How this schema's entries are judged: today's layout by today's model, whose limits go beyond content. */
    public MessageCodec codec() {
        if (layout == KeyLayout.HASH_TAG) {
            return new MessageCodec(maxContentLength, true);
        }
        return maxContentLength == PendingMessage.MAX_CONTENT ? MessageCodec.SEED : new MessageCodec(maxContentLength);
    }

    public byte[] bufferKey(SessionId session) {
        return place(prefix, session);
    }

    /** {@code <prefix>notify:<sid>}: no hash tag in either generation (today's backend SPUBLISHes on it). */
    public byte[] notifyChannel(SessionId session) {
        return concat(utf8(prefix + "notify:"), session.unsafeBytes());
    }

    public byte[] metaKey(SessionId session) {
        return concat(utf8(metaPrefix), session.unsafeBytes());
    }

    public byte[] notifyPayload() {
        return NOTIFY_PAYLOAD.clone();
    }

    /**
     * The length of the prefix when {@code key} starts with it and goes on past it, else -1: what a scan asks
     * of every key it is given, so the prefix's bytes are encoded once, not once a key.
     */
    public int prefixEnd(byte[] key) {
        byte[] p = Utf8.of(prefix);
        return key.length > p.length && Bytes.startsWith(key, 0, p) ? p.length : -1;
    }

    /**
     * The session a key names under this layout, or empty when the key is not shaped like a buffer key.
     * Whether it really is a buffer also depends on its type, which only Redis knows.
     */
    public Optional<SessionId> sessionOf(byte[] key) {
        byte[] p = utf8(prefix);
        if (key.length <= p.length || !Arrays.equals(key, 0, p.length, p, 0, p.length)) {
            return Optional.empty();
        }
        byte[] rest = Arrays.copyOfRange(key, p.length, key.length);
        if (layout == KeyLayout.HASH_TAG) {
            if (rest.length < 3 || rest[0] != '{' || rest[rest.length - 1] != '}') {
                return Optional.empty();
            }
            rest = Arrays.copyOfRange(rest, 1, rest.length - 1);
        }
        return Optional.of(SessionId.ofBytes(rest));
    }

    private byte[] place(String keyPrefix, SessionId session) {
        byte[] id = session.unsafeBytes();
        if (layout == KeyLayout.PLAIN) {
            return concat(utf8(keyPrefix), id);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(keyPrefix.length() + id.length + 2);
        out.writeBytes(utf8(keyPrefix));
        out.write('{');
        out.writeBytes(id);
        out.write('}');
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
