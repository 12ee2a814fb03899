package dev.pendingconsole.redis;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.BufferPage;
import dev.pendingconsole.core.DrainResult;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.PushResult;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.SessionId;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The backend's buffer operations ({@code pending_messages.py}) over a {@link RedisGateway}: push, drain,
 * peek, count and clear, with the same keys, script, cap, TTL, notify and parsing rules. A JVM backend
 * can use this class on its own. Thread-safe.
 *
 * <p>Failures are {@link RedisFailure}s. A push or drain whose reply is lost is never retried: it fails
 * with {@link RedisFailure.Kind#OUTCOME_UNKNOWN}, and the caller re-reads the buffer.
 */
public final class PendingBuffers {

    /** The most entries one peek returns: a list may be huge and is never read whole. */
    public static final int MAX_PAGE = 1_000;

    /** Made when first used: starting SLF4J was 40 ms of the start of every command, most of which log nothing. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(PendingBuffers.class);
    }
    private static final LuaScript PUSH = LuaScript.load("push");

    private final RedisGateway redis;
    private final KeySchema schema;
    private final MessageCodec codec;

    public PendingBuffers(RedisGateway redis, KeySchema schema) {
        this.redis = redis;
        this.schema = schema;
        this.codec = schema.codec();
    }

    public KeySchema schema() {
        return schema;
    }

    /**
     * Appends a message atomically (RPUSH, LTRIM to the cap, EXPIRE, in one script), then publishes the
     * wake-up notification. A failed notification is logged and ignored, as the backend does: the list
     * is what counts.
     */
    public PushResult push(SessionId session, PendingMessage message) {
        byte[] key = schema.bufferKey(session);
        byte[] payload = MessageCodec.encode(message);
        List<Long> reply = redis.lettuceWrite("push to " + session, r -> PUSH.run(r, ScriptOutputType.MULTI,
                new byte[][] {key}, payload, ascii(schema.cap()), ascii(schema.ttl().getSeconds())));
        long length = reply.get(0);
        long evicted = reply.get(1) - length;
        notifyPush(session);
        Log.LOG.debug("pushed to session={} (buffer_len={}, evicted={})", session, length, evicted);
        return new PushResult(length, schema.cap(), evicted);
    }

    /**
     * Pops up to {@code cap} entries, oldest first, in one {@code LPOP key count} (Redis 6.2 or newer).
     * Entries the backend cannot parse are popped too (the backend drops them); they come back in
     * {@link DrainResult#dropped()} so that nothing disappears unseen.
     */
    public DrainResult drain(SessionId session) {
        byte[] key = schema.bufferKey(session);
        List<byte[]> popped;
        try {
            popped = redis.lettuceWrite("drain " + session, r -> r.lpop(key, schema.cap()));
        } catch (RedisFailure e) {
            throw explainOldServer(e);
        }
        List<BufferEntry> entries = new ArrayList<>();
        if (popped != null) {
            for (byte[] raw : popped) {
                BufferEntry entry = codec.decode(raw);
                if (entry instanceof BufferEntry.Invalid i) {
                    Log.LOG.warn("dropping malformed entry for {}: {}", session, i.reason());
                }
                entries.add(entry);
            }
        }
        return new DrainResult(entries);
    }

    /** Reads up to {@code limit} entries from {@code offset} without consuming them. */
    public BufferPage peek(SessionId session, long offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", was " + limit);
        }
        byte[] key = schema.bufferKey(session);
        // a page shorter than asked for tells the length, so most peeks cost one command; LLEN only otherwise
        return redis.read(r -> {
            List<byte[]> raw = r.lrange(key, offset, offset + limit - 1);
            long length = raw.size() == limit || (raw.isEmpty() && offset > 0) ? r.llen(key) : offset + raw.size();
            List<BufferEntry> entries = new ArrayList<>(raw.size());
            for (byte[] bytes : raw) {
                entries.add(codec.decode(bytes));
            }
            return new BufferPage(session, offset, length, entries);
        });
    }

    /** The buffer's length; 0 when it does not exist. */
    public long count(SessionId session) {
        byte[] key = schema.bufferKey(session);
        return redis.read(r -> r.llen(key));
    }

    /**
     * Deletes the whole buffer, as the backend's {@code clear_pending_messages} does, including entries
     * pushed a moment ago. Operators should prefer the safe clear of the operations package, which
     * removes only what was displayed. Returns whether a buffer existed.
     */
    public boolean clear(SessionId session) {
        byte[] key = schema.bufferKey(session);
        return redis.write("clear " + session, r -> r.del(key)) > 0;
    }

    /** Publishes the wake-up notification for {@code session}, as after a push; a failure is logged only. */
    public void notifyPushed(SessionId session) {
        notifyPush(session);
    }

    private static final AtomicBoolean NO_SPUBLISH_SAID = new AtomicBoolean();

    /**
     * Sends {@code session}'s wake-up notification (PUBLISH, or SPUBLISH for today's buffers) and returns how
     * many subscribers heard it; a failure is thrown (0 when the schema publishes nothing).
     */
    public long announce(SessionId session) {
        if (schema.publishMode() == PublishMode.NONE) {
            return 0;
        }
        byte[] channel = schema.notifyChannel(session);
        return redis.lettuceWrite("notify " + session, (RedisClusterCommands<byte[], byte[]> r) ->
                schema.publishMode() == PublishMode.SPUBLISH
                        ? r.spublish(channel, schema.notifyPayload())
                        : r.publish(channel, schema.notifyPayload()));
    }

    private void notifyPush(SessionId session) {
        try {
            announce(session);
        } catch (RedisFailure e) {
            if (e.getMessage() != null && e.getMessage().contains("unknown command")) {
                // SPUBLISH before Redis 7: said once, not per push (today's backend cannot run on such a server)
                if (NO_SPUBLISH_SAID.compareAndSet(false, true)) {
                    Log.LOG.warn("{}: pushes to today's buffers are not announced (SPUBLISH needs Redis 7)", e.getMessage());
                }
                return;
            }
            Log.LOG.warn("publish failed for {}: {}", session, e.getMessage());
        }
    }

    /** A server older than 6.2 refuses {@code LPOP key count} whole: say so; nothing was popped. */
    static RedisFailure explainOldServer(RedisFailure e) {
        if (e.kind() == RedisFailure.Kind.SERVER_ERROR && e.getMessage().contains("wrong number of arguments")) {
            return new RedisFailure(e.kind(), "drain needs LPOP with a count, which Redis 6.2 added; "
                    + "this server is older, and nothing was drained", e);
        }
        return e;
    }

    private static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }
}
