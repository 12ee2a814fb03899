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
 * have no pattern subscription. Where the server sends keyspace notifications of list commands, every
 * RPUSH to a {@code {sid}} buffer is heard on every master at once, a new session's first push included,
 * and nothing more is needed. Elsewhere this finds the current-generation sessions (their {@code {sid}}
 * buffers and turn hashes, by SCAN) and keeps one SSUBSCRIBE per session, on the master that owns the
 * channel's slot: looking again every second on a small keyspace, or every {@code every} on a big one,
 * when a new session's first push is missed ({@link #newcomers()} says which). Needs Redis 7; at most
 * {@link #MAX_CHANNELS} sessions.
 */
final class ShardedWatch implements AutoCloseable {

    static final int MAX_CHANNELS = 100_000;
    /** Up to this many keys a look-up every second costs the server little (SCAN of 10,000 keys: ~20 ms). */
    static final long SMALL_KEYSPACE = 10_000;
    private static final Duration QUICK = Duration.ofSeconds(1);

    /** How a session never seen before is found. */
    enum Newcomers {
        /** By keyspace notifications: every RPUSH heard at once, a new session's first included. */
        KEY_EVENTS,
        /** By a look-up every second (a small keyspace, no keyspace notifications). */
        EVERY_SECOND,
        /** By a look-up every so often (a big keyspace, no keyspace notifications): its first push missed. */
        SLOWLY
    }

    private static final Logger log = LoggerFactory.getLogger(ShardedWatch.class);

    private final RedisGateway redis;
    private final KeySchema schema;
    private final Consumer<LiveFeed.PushEvent> events;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile int watching;
    private volatile Newcomers newcomers = Newcomers.SLOWLY;
    private RedisGateway.Subscription keyEvents;

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
        watch.keyEvents = watch.subscribeToKeyEvents();
        try {
            watch.newcomers = watch.howNewcomersAreFound();
        } catch (RedisFailure e) {
            log.debug("cannot count the keys ({})", e.getMessage());
        }
        watch.thread.start();
        return Optional.of(watch);
    }

    /** How many sessions' channels are subscribed now. */
    int watching() {
        return watching;
    }

    /** How a session never seen before is found now. */
    Newcomers newcomers() {
        return newcomers;
    }

    /**
     * Where the server sends keyspace notifications of list commands ({@code notify-keyspace-events} with
     * {@code E} or {@code K}, and {@code l} or {@code A}), a subscription to them on every master; else null.
     * This tool never changes the server's configuration.
     */
    private RedisGateway.Subscription subscribeToKeyEvents() {
        String flags;
        try {
            flags = redis.read(r -> r.configGet("notify-keyspace-events"));
        } catch (RedisFailure e) {
            log.debug("CONFIG GET refused ({}); new sessions are looked for", e.getMessage());
            return null;
        }
        if (flags == null || !(flags.contains("l") || flags.contains("A"))) {
            return null;
        }
        try {
            if (flags.contains("E")) {
                return redis.psubscribeEveryMaster("__keyevent@*__:rpush".getBytes(StandardCharsets.UTF_8),
                        (channel, key) -> pushedTo(key));
            }
            if (flags.contains("K")) {
                return redis.psubscribeEveryMaster(("__keyspace@*__:" + Glob.escape(schema.prefix()) + "{*}")
                        .getBytes(StandardCharsets.UTF_8), (channel, event) -> {
                    int at = indexOf(channel, "__:".getBytes(StandardCharsets.UTF_8));
                    if (at > 0 && new String(event, StandardCharsets.UTF_8).equals("rpush")) {
                        pushedTo(Arrays.copyOfRange(channel, at + 3, channel.length));
                    }
                });
            }
        } catch (RedisFailure e) {
            log.debug("cannot subscribe to keyspace notifications ({})", e.getMessage());
        }
        return null;
    }

    private Newcomers howNewcomersAreFound() {
        if (keyEvents != null && keyEvents.isOpen()) {
            return Newcomers.KEY_EVENTS;
        }
        return redis.read(r -> r.dbsize()) <= SMALL_KEYSPACE ? Newcomers.EVERY_SECOND : Newcomers.SLOWLY;
    }

    /** An RPUSH to {@code key}: a push, when the key is a current buffer's. */
    private void pushedTo(byte[] key) {
        byte[] head = (schema.prefix() + "{").getBytes(StandardCharsets.UTF_8);
        if (key.length - 1 <= head.length || !Arrays.equals(key, 0, head.length, head, 0, head.length)
                || key[key.length - 1] != '}') {
            return;
        }
        try {
            SessionId session = SessionId.ofBytes(Arrays.copyOfRange(key, head.length, key.length - 1));
            events.accept(new LiveFeed.PushEvent(new BufferRef(session, KeyLayout.HASH_TAG), Instant.now()));
        } catch (IllegalArgumentException e) {
            log.debug("not a session id in {}", new String(key, StandardCharsets.UTF_8));
        }
    }

    /**
     * While keyspace notifications are heard, each RPUSH is the push (the SPUBLISH after it, a command of
     * its own, would only say it again) and no session is subscribed; without them, the sessions found are.
     */
    private void run(Duration every) {
        ShardChannels channels = null;
        while (running.get()) {
            Duration next = QUICK;
            try {
                newcomers = howNewcomersAreFound();
                if (newcomers == Newcomers.KEY_EVENTS) {
                    if (channels != null) {
                        channels.close();
                        channels = null;
                        watching = 0;
                    }
                } else {
                    if (channels == null || !channels.isOpen()) {
                        if (channels != null) {
                            channels.close();
                        }
                        channels = redis.ssubscribe(this::heard);
                    }
                    watching = channels.watch(discover());
                    next = newcomers == Newcomers.EVERY_SECOND ? QUICK : every;
                }
            } catch (RedisFailure e) {
                log.debug("sharded feed: {}", e.getMessage());
            }
            if (!pause(next)) {
                break;
            }
        }
        if (channels != null) {
            channels.close();
        }
        if (keyEvents != null) {
            keyEvents.close();
        }
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
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
