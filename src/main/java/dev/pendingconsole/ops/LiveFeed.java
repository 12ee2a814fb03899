package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.redis.RedisGateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One event per push, as it happens. Subscribes to the notify channels with PSUBSCRIBE, which hears the
 * seed's PUBLISH; on Redis 7 it also keeps an SSUBSCRIBE per current-generation session on its shard
 * ({@link ShardedWatch}), which hears today's SPUBLISH. Where the subscription is refused, it polls the
 * buffers instead and reports growth and TTL refreshes as pushes. {@link #mode()} says which. Events
 * arrive on a background thread.
 */
public final class LiveFeed implements AutoCloseable {

    public enum Mode {
        /** PSUBSCRIBE on the notify channels: every push, at once. */
        SUBSCRIBED,
        /** Periodic scans: pushes seen as buffers growing or their TTL being refreshed. */
        POLLING
    }

    /** A push to a buffer, as observed. */
    public record PushEvent(BufferRef ref, Instant at) {
    }

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final Mode mode;
    private final AutoCloseable subscription;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Optional<ShardedWatch> sharded = Optional.empty();

    private LiveFeed(Mode mode, AutoCloseable subscription) {
        this.mode = mode;
        this.subscription = subscription;
    }

    public static LiveFeed start(RedisGateway redis, KeySchema schema, Consumer<PushEvent> events, Duration pollEvery) {
        return start(redis, schema, events, pollEvery, Duration.ofSeconds(15));
    }

    /** As above; current-generation sessions are looked for every {@code discoverEvery}. */
    public static LiveFeed start(RedisGateway redis, KeySchema schema, Consumer<PushEvent> events, Duration pollEvery,
                                 Duration discoverEvery) {
        if (schema.publishMode() != PublishMode.NONE) {
            String channelPrefix = schema.prefix() + "notify:";
            byte[] pattern = (Glob.escape(channelPrefix) + "*").getBytes(StandardCharsets.UTF_8);
            BiConsumer<byte[], byte[]> listener = (channel, message) ->
                    refOf(channelPrefix, channel).ifPresent(ref -> events.accept(new PushEvent(ref, Instant.now())));
            Optional<ShardedWatch> sharded = ShardedWatch.start(redis, schema, events, discoverEvery);
            // a profile that says the backend publishes sharded needs sharded pub/sub to be heard at all
            if (schema.publishMode() == PublishMode.PUBLISH || sharded.isPresent()) {
                try {
                    RedisGateway.Subscription first = redis.psubscribe(pattern, listener);
                    LiveFeed feed = subscribed(redis, pattern, listener, first, pollEvery);
                    feed.sharded = sharded;
                    return feed;
                } catch (RedisFailure e) {
                    log.warn("cannot subscribe to notify channels ({}); polling instead", e.getMessage());
                }
            }
            sharded.ifPresent(ShardedWatch::close);
        }
        LiveFeed[] holder = new LiveFeed[1];
        Thread poller = new Thread(() -> poll(redis, schema, events, pollEvery, holder), "pending-feed-poller");
        poller.setDaemon(true);
        LiveFeed feed = new LiveFeed(Mode.POLLING, poller::interrupt);
        holder[0] = feed;
        poller.start();
        return feed;
    }

    /**
     * Keeps the subscription alive: when its connection breaks (the server restarted, a failover), it
     * subscribes again every {@code every} until it succeeds.
     */
    private static LiveFeed subscribed(RedisGateway redis, byte[] pattern, BiConsumer<byte[], byte[]> listener,
                                       RedisGateway.Subscription first, Duration every) {
        AtomicReference<RedisGateway.Subscription> current =
                new AtomicReference<>(first);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread keeper = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (running.get() && !current.get().isOpen()) {
                    try {
                        current.set(redis.psubscribe(pattern, listener));
                        if (!running.get()) {
                            current.get().close(); // closed while subscribing
                        }
                        log.info("live feed subscribed again");
                    } catch (RedisFailure e) {
                        log.debug("live feed: cannot subscribe yet ({})", e.getMessage());
                    }
                }
            }
        }, "pending-feed-keeper");
        keeper.setDaemon(true);
        keeper.start();
        return new LiveFeed(Mode.SUBSCRIBED, () -> {
            running.set(false);
            keeper.interrupt();
            current.get().close();
        });
    }

    public Mode mode() {
        return mode;
    }

    /** Whether today's SPUBLISH notifications are heard too (Redis 7 and a subscription). */
    public boolean hearsSharded() {
        return sharded.isPresent();
    }

    /**
     * How the first push of a current-generation session never seen before is heard, as a sentence for the
     * operator (empty without sharded pub/sub).
     */
    public Optional<String> newSessions() {
        return sharded.map(watch -> switch (watch.newcomers()) {
            case KEY_EVENTS -> "a new session's first push is heard at once (keyspace notifications)";
            case EVERY_SECOND -> "new sessions are looked for every second";
            case SLOWLY -> "new sessions are looked for every 15 s on a keyspace this big, so the first push of one"
                    + " is missed (shown at the next scan); notify-keyspace-events 'El' on the server hears it at once";
        });
    }

    /** How many current-generation sessions' shard channels are subscribed now. */
    public int shardedSessions() {
        return sharded.map(ShardedWatch::watching).orElse(0);
    }

    private static Optional<BufferRef> refOf(String channelPrefix, byte[] channel) {
        byte[] prefix = channelPrefix.getBytes(StandardCharsets.UTF_8);
        if (channel.length <= prefix.length || !Arrays.equals(channel, 0, prefix.length, prefix, 0, prefix.length)) {
            return Optional.empty();
        }
        byte[] rest = Arrays.copyOfRange(channel, prefix.length, channel.length);
        if (rest.length > 2 && rest[0] == '{' && rest[rest.length - 1] == '}') {
            return Optional.of(new BufferRef(SessionId.ofBytes(Arrays.copyOfRange(rest, 1, rest.length - 1)),
                    KeyLayout.HASH_TAG));
        }
        return Optional.of(new BufferRef(SessionId.ofBytes(rest), KeyLayout.PLAIN));
    }

    private record Seen(long length, long ttlMillis, long atMillis) {
    }

    private static void poll(RedisGateway redis, KeySchema schema, Consumer<PushEvent> events, Duration every,
                             LiveFeed[] self) {
        Map<BufferRef, Seen> last = new HashMap<>();
        boolean first = true;
        SessionScan scan = new SessionScan(redis, schema);
        while (self[0] == null || self[0].running.get()) {
            try {
                long now = System.currentTimeMillis();
                Map<BufferRef, Seen> current = new HashMap<>();
                for (BufferSummary b : scan.all(SessionScan.Options.ALL.withoutEntryCheck())) {
                    Seen seen = new Seen(b.length(), b.ttl().map(Duration::toMillis).orElse(-1L), now);
                    current.put(b.ref(), seen);
                    Seen before = last.get(b.ref());
                    if (!first && isPush(before, seen)) {
                        events.accept(new PushEvent(b.ref(), Instant.ofEpochMilli(now)));
                    }
                }
                last = current;
                first = false;
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("live feed poll failed: {}", e.getMessage());
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** A push grows the list or, at the cap, refreshes the TTL beyond what time alone explains. */
    private static boolean isPush(Seen before, Seen now) {
        if (before == null) {
            return now.length > 0;
        }
        if (now.length > before.length) {
            return true;
        }
        if (before.ttlMillis < 0 || now.ttlMillis < 0) {
            return false;
        }
        long expected = before.ttlMillis - (now.atMillis - before.atMillis);
        return now.ttlMillis > expected + 1_500;
    }

    @Override
    public void close() {
        running.set(false);
        sharded.ifPresent(ShardedWatch::close);
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("closing the live feed: {}", e.getMessage());
        }
    }
}
