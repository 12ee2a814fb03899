package dev.pendingconsole.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Which backend wrote a buffer (SPEC §1b), and so by which rules it is read. Both exist at once during a
 * migration: plain keys live until their TTL runs out. The generation is told by the buffer key's layout,
 * and owns every rule that differs: the turn meta key, the content limit, how a push notifies, and what a
 * meta hash without a status means. Nothing else in the code asks which generation it is.
 */
public enum BackendGeneration {

    /** The seed's {@code pending_messages.py}: {@code copilot:pending:<sid>}, PUBLISH, 16,000 characters. */
    SEED(KeyLayout.PLAIN, PendingMessage.MAX_CONTENT, PublishMode.PUBLISH, false),

    /**
     * Today's backend, Redis Cluster only: {@code copilot:pending:{<sid>}} and {@code chat:task:meta:{<sid>}}
     * in one slot, SPUBLISH on the plain channel, 32,000 characters, and a meta hash with no status is a
     * running turn.
     */
    CURRENT(KeyLayout.HASH_TAG, 32_000, PublishMode.SPUBLISH, true);

    private static final MessageCodec CURRENT_CODEC = new MessageCodec(PendingMessage.MAX_CONTENT_CURRENT, true);

    private final KeyLayout layout;
    private final int maxContent;
    private final PublishMode publishMode;
    private final boolean noStatusMeansRunning;

    BackendGeneration(KeyLayout layout, int maxContent, PublishMode publishMode, boolean noStatusMeansRunning) {
        this.layout = layout;
        this.maxContent = maxContent;
        this.publishMode = publishMode;
        this.noStatusMeansRunning = noStatusMeansRunning;
    }

    /** The generation whose buffers have this key layout. */
    public static BackendGeneration of(KeyLayout layout) {
        return layout == KeyLayout.HASH_TAG ? CURRENT : SEED;
    }

    /** "seed" or "current", as the CLI and the tables write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public KeyLayout layout() {
        return layout;
    }

    public int maxContentLength() {
        return maxContent;
    }

    public PublishMode publishMode() {
        return publishMode;
    }

    /** Whether a turn meta hash that exists but has no {@code status} field counts as running. */
    public boolean noStatusMeansRunning() {
        return noStatusMeansRunning;
    }

    /** The turn meta hash: {@code <metaPrefix><sid>} (seed) or {@code <metaPrefix>{<sid>}} (current). */
    public byte[] metaKey(KeySchema schema, SessionId session) {
        byte[] prefix = Utf8.of(schema.metaPrefix()); // read only: copied into the key below
        byte[] id = session.unsafeBytes();
        if (layout == KeyLayout.PLAIN) {
            byte[] out = Arrays.copyOf(prefix, prefix.length + id.length);
            System.arraycopy(id, 0, out, prefix.length, id.length);
            return out;
        }
        byte[] out = Arrays.copyOf(prefix, prefix.length + id.length + 2);
        out[prefix.length] = '{';
        System.arraycopy(id, 0, out, prefix.length + 1, id.length);
        out[out.length - 1] = '}';
        return out;
    }

    /**
     * Today's persist queue, {@code copilot:pending-persist:<sid>}: messages drained but not yet saved as
     * chat rows (the buffer's prefix without its last ':', then {@code -persist:}). The seed has none; asked
     * of a seed buffer it names the key today's backend would use for the same session.
     */
    public byte[] persistKey(KeySchema schema, SessionId session) {
        return concat(persistPrefix(schema).getBytes(StandardCharsets.UTF_8), session.unsafeBytes());
    }

    /** What every persist queue's key starts with: {@code copilot:pending-persist:}. */
    public static String persistPrefix(KeySchema schema) {
        String prefix = schema.prefix();
        return (prefix.endsWith(":") ? prefix.substring(0, prefix.length() - 1) : prefix) + "-persist:";
    }

    /** Today's idempotency claims of a session's sends: {@code <prefix>client-msg:<sid>:<message_id>}. */
    public byte[] claimPrefix(KeySchema schema, SessionId session) {
        byte[] withId = concat((schema.prefix() + "client-msg:").getBytes(StandardCharsets.UTF_8), session.unsafeBytes());
        return concat(withId, new byte[] {':'});
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Refuses a message this generation's endpoint would refuse beyond the shared limits that
     * {@link PendingMessage} checks: content over this generation's limit, and metadata on the seed, whose
     * payload has no such field. The message names the field and the limit.
     */
    public PendingMessage check(PendingMessage message) {
        PendingMessage.checkContentLength(message.contentLength(), maxContent);
        if (message.metadata() != null && this == SEED) {
            throw new InvalidMessageException("metadata",
                    "the seed backend's payload has no metadata field; metadata goes only to current-generation buffers");
        }
        return message;
    }

    /**
     * A message's bytes as this generation's backend writes them, after {@link #check}: the seed's three
     * fields, or today's six with a fresh uuid4 {@code id} and {@code enqueued_at} = {@code now} in seconds,
     * as Python's {@code time.time()} would give it, and the message's metadata (null unless given).
     */
    public byte[] encode(PendingMessage message, Instant now) {
        check(message);
        if (this == SEED) {
            return MessageCodec.encode(message);
        }
        double enqueuedAt = now.getEpochSecond() + (now.getNano() / 1_000) / 1e6;
        return MessageCodec.encodeCurrent(message, UUID.randomUUID(), enqueuedAt, message.metadata());
    }

    /**
     * How this generation's reader judges an entry: the seed's limit is the profile's setting (16,000 by
     * default); today's backend takes 32,000.
     */
    public MessageCodec codec(KeySchema schema) {
        return this == SEED ? schema.codec() : CURRENT_CODEC;
    }
}
