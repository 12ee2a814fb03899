package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.redis.ShardChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Today's backend announces a push with SPUBLISH on {@code <prefix>notify:<sid>}, and sharded channels
 * have no pattern subscription: this finds the current-generation sessions (their {@code {sid}} buffers
 * and turn hashes, by SCAN) every so often and keeps one SSUBSCRIBE per session, on the master that
 * owns the channel's slot. A session that appears between two look-ups is heard from the next one on
 * (a console's re-scan shows it meanwhile). Needs Redis 7; at most {@link #MAX_CHANNELS} sessions.
 */
final class ShardedWatch implements AutoCloseable {

    static final int MAX_CHANNELS = 100_000;

    private static final Logger log = LoggerFactory.getLogger(ShardedWatch.class);

    private final RedisGateway redis;
    private final KeySchema schema;
    private final Consumer<LiveFeed.PushEvent> events;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile int watching;

    private ShardedWatch(RedisGateway redis, KeySchema schema, Consumer<LiveFeed.PushEvent> events, Duration every) {
        this.redis = redis;
        this.schema = schema;
        this.events = events;
        this.thread = new Thread(() -> run(every), "pending-feed-sharded");
        this.thread.setDaemon(true);
    }

    /** Empty where the server has no sharded pub/sub (before Redis 7). */
    static Optional<ShardedWatch> start(RedisGateway redis, KeySchema schema, Consumer<LiveFeed.PushEvent> events,
                                        Duration every) {
        try {
            if (majorVersion(redis.read(r -> r.info("server"))) < 7) {
                return Optional.empty();
            }
        } catch (RedisFailure e) {
            log.debug("cannot tell the server's version ({}); no sharded feed", e.getMessage());
            return Optional.empty();
        }
        ShardedWatch watch = new ShardedWatch(redis, schema, events, every);
        watch.thread.start();
        return Optional.of(watch);
    }

    /** How many sessions' channels are subscribed now. */
    int watching() {
        return watching;
    }

    private void run(Duration every) {
        ShardChannels channels = null;
        while (running.get()) {
            try {
                if (channels == null || !channels.isOpen()) {
                    if (channels != null) {
                        channels.close();
                    }
                    channels = redis.ssubscribe(this::heard);
                }
                watching = channels.watch(discover());
            } catch (RedisFailure e) {
                log.debug("sharded feed: {}", e.getMessage());
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                break;
            }
        }
        if (channels != null) {
            channels.close();
        }
    }

    /** The notify channels of every session with a {@code {sid}} buffer or turn hash. */
    private Set<ByteBuffer> discover() {
        Set<ByteBuffer> channels = new HashSet<>();
        for (String prefix : new String[] {schema.prefix(), schema.metaPrefix()}) {
            byte[] head = (prefix + "{").getBytes(StandardCharsets.UTF_8);
            redis.scanKeys(Glob.escape(prefix) + "{*}", 1_000, keys -> {
                for (byte[] key : keys) {
                    if (channels.size() >= MAX_CHANNELS) {
                        return;
                    }
                    if (key.length - 1 <= head.length) {
                        continue; // "{}": no session
                    }
                    try {
                        SessionId session = SessionId.ofBytes(Arrays.copyOfRange(key, head.length, key.length - 1));
                        channels.add(ByteBuffer.wrap(schema.notifyChannel(session)));
                    } catch (IllegalArgumentException e) {
                        log.debug("not a session id in {}", new String(key, StandardCharsets.UTF_8));
                    }
                }
            });
        }
        if (channels.size() >= MAX_CHANNELS) {
            log.warn("more than {} current-generation sessions: the live feed follows the first {}; the rest show at re-scans",
                    MAX_CHANNELS, MAX_CHANNELS);
        }
        return channels;
    }

    private void heard(byte[] channel, byte[] message) {
        byte[] prefix = (schema.prefix() + "notify:").getBytes(StandardCharsets.UTF_8);
        if (channel.length > prefix.length && Arrays.equals(channel, 0, prefix.length, prefix, 0, prefix.length)) {
            SessionId session = SessionId.ofBytes(Arrays.copyOfRange(channel, prefix.length, channel.length));
            events.accept(new LiveFeed.PushEvent(new BufferRef(session, KeyLayout.HASH_TAG), Instant.now()));
        }
    }

    static int majorVersion(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                String v = line.substring("redis_version:".length()).trim();
                int dot = v.indexOf('.');
                try {
                    return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(2_000); // its subscription closes before the gateway under it does
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
