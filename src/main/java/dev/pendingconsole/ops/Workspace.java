package dev.pendingconsole.ops;

import dev.pendingconsole.core.BackendChoice;
import dev.pendingconsole.core.BackendGeneration;
import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.local.AuditLog;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.local.ProductionServers;
import dev.pendingconsole.ops.write.Confirmer;
import dev.pendingconsole.ops.write.Write;
import dev.pendingconsole.ops.write.WriteDoor;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.redis.Reply;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The one entry point the CLI and the console use for Redis: reads directly, and every write as a
 * {@link Write} value through the {@link WriteDoor} (plan, the door's confirmation rule, backup,
 * conditional script, audit, exact inverse). Whether the connection is production belongs to the door,
 * so no caller can skip the rule. Thread-safe; never call it on the JavaFX application thread.
 */
public final class Workspace implements AutoCloseable {

    /** The most entries one read returns: a list may be huge and is never read whole. */
    public static final int MAX_PAGE = PendingBuffers.MAX_PAGE;


    private final Operations ops;
    private final WriteDoor door;
    private volatile BackendChoice backend = BackendChoice.AUTO;
    private volatile BackendGeneration detected;

    public Workspace(Operations ops, WriteDoor door) {
        this.ops = ops;
        this.door = door;
    }

    /**
     * Connects to {@code target}; production when {@code production} says so or the server was marked
     * production before (see {@link ProductionServers}).
     */
    public static Workspace open(RedisTarget target, KeySchema schema, DataDir data, ConfigDir config, String profile,
                                 boolean production) {
        return open(target, schema, data, config, profile, production, true);
    }

    /**
     * As above. {@code rememberNow}: a production flag is remembered for the server at once (the console's
     * checkbox, ticked by a person); otherwise (the CLI's {@code --production}) only once a write on this
     * connection has had its token typed, so a command refused or mistyped marks nothing.
     */
    public static Workspace open(RedisTarget target, KeySchema schema, DataDir data, ConfigDir config, String profile,
                                 boolean production, boolean rememberNow) {
        ProductionServers marked = new ProductionServers(config);
        RedisGateway gateway = RedisGateway.open(target);
        try {
            boolean known = marked.isMarked(target);
            if (production && rememberNow && !known) {
                marked.mark(target);
            }
            Operations ops = new Operations(gateway, schema, data, StuckRules.DEFAULT, profile);
            WriteDoor door = new WriteDoor(gateway, ops, data, production || known);
            if (production && !rememberNow && !known) {
                door.afterConfirmedProductionWrite(() -> marked.mark(target));
            }
            return new Workspace(ops, door);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------ the connection

    public boolean isProduction() {
        return door.isProduction();
    }

    public boolean isReadOnly() {
        return ops.isReadOnly();
    }

    /** Why writes are refused here, or null. */
    public String readOnlyReason() {
        return ops.redis().readOnlyReason();
    }

    /** Finds out, without changing anything, whether the user may write; see {@link WriteDoor#probeWrites()}. */
    public Optional<String> probeWrites() {
        return door.probeWrites();
    }

    /** See {@link RedisGateway#answersWithoutPassword()}. */
    public boolean answersWithoutPassword() {
        return ops.redis().answersWithoutPassword();
    }

    public RedisTarget target() {
        return ops.redis().target();
    }

    public boolean isCluster() {
        return ops.redis().isCluster();
    }

    /** This server as backups name it; asks the server once (call off the FX thread). */
    public BackupOrigin origin() {
        return ops.origin();
    }

    public KeySchema schema() {
        return ops.schema();
    }

    public StuckRules rules() {
        return ops.rules();
    }

    public AuditLog audit() {
        return ops.audit();
    }

    // ------------------------------------------------------------------ reading

    public SessionScan scan() {
        return ops.scan();
    }

    /** A buffer in the schema's own layout, for ids a person typed. */
    public BufferRef ref(SessionId session) {
        return ops.ref(session);
    }

    /** The backend this connection speaks, from {@code --backend} or the profile; {@code AUTO} by default. */
    public Workspace useBackend(BackendChoice choice) {
        this.backend = Objects.requireNonNull(choice, "choice");
        return this;
    }

    public BackendChoice backend() {
        return backend;
    }

    /** {@link #locate(SessionId, Optional)} with this connection's backend setting. */
    public BufferRef locate(SessionId session) {
        return locate(session, backend.generation());
    }

    /**
     * What {@code auto} takes this server for, once per connection: today's backend when the server is a
     * cluster (today's backend runs only on one) or holds any hash-tagged buffer or turn hash, else the
     * profile's layout. Walks the keyspace with SCAN until the first such key: at worst one whole walk.
     */
    public BackendGeneration detectedGeneration() {
        BackendGeneration known = detected;
        if (known == null) {
            KeySchema schema = ops.schema();
            boolean current = isCluster() || anyKey(Glob.escape(schema.prefix()) + "{*}")
                    || anyKey(Glob.escape(schema.metaPrefix()) + "{*}");
            known = current ? BackendGeneration.CURRENT
                    : BackendGeneration.of(schema.layout());
            detected = known;
        }
        return known;
    }

    private boolean anyKey(String match) {
        boolean[] found = {false};
        try {
            ops.redis().scanKeys(match, 1_000, keys -> {
                if (!keys.isEmpty()) {
                    found[0] = true;
                    throw new FoundOne();
                }
            });
        } catch (FoundOne stop) {
            return true;
        }
        return found[0];
    }

    /** Ends a key walk at its first hit. */
    private static final class FoundOne extends RuntimeException {
        FoundOne() {
            super(null, null, false, false);
        }
    }

    /**
     * The buffer a person means by a bare session id. With {@code backend} given, that generation's key.
     * Otherwise the layout that holds a buffer; when both do (a migration), an
     * {@link IllegalArgumentException} asks which; when neither does (a push to a new session), the layout
     * where the session has a turn, else what the server speaks ({@link #detectedGeneration()}).
     */
    public BufferRef locate(SessionId session, Optional<BackendGeneration> backend) {
        if (backend.isPresent()) {
            return new BufferRef(session, backend.get().layout());
        }
        BufferRef plain = new BufferRef(session, KeyLayout.PLAIN);
        BufferRef tagged = new BufferRef(session, KeyLayout.HASH_TAG);
        RedisGateway redis = ops.redis();
        boolean hasPlain = redis.read(r -> r.pttl(plain.key(ops.schema()))) != -2;
        boolean hasTagged = redis.read(r -> r.pttl(tagged.key(ops.schema()))) != -2;
        if (hasPlain && hasTagged) {
            throw new IllegalArgumentException("session " + session + " has a buffer in both layouts, "
                    + plain.keyText(ops.schema()) + " (seed) and " + tagged.keyText(ops.schema())
                    + " (current); say which with --backend seed or --backend current");
        }
        if (hasPlain || hasTagged) {
            return hasPlain ? plain : tagged;
        }
        if (redis.read(r -> r.pttl(tagged.metaKey(ops.schema()))) != -2) {
            return tagged;
        }
        if (redis.read(r -> r.pttl(plain.metaKey(ops.schema()))) != -2) {
            return plain;
        }
        BackendGeneration speaks = detectedGeneration();
        // today's backend announces with SPUBLISH, which needs Redis 7: on an older server (the embedded
        // sandbox) a new session goes where a notify can be heard, the seed's layout
        if (speaks == BackendGeneration.CURRENT && !shardedPubSub()) {
            speaks = BackendGeneration.SEED;
        }
        return new BufferRef(session, speaks.layout());
    }

    private volatile Boolean sharded;

    /** Whether the server has sharded pub/sub (SPUBLISH): Redis 7 or later. Asked once. */
    private boolean shardedPubSub() {
        Boolean known = sharded;
        if (known == null) {
            known = ShardedWatch.majorVersion(ops.redis().read(r -> r.info("server"))) >= 7;
            sharded = known;
        }
        return known;
    }

    public Inspection inspect(BufferRef ref, long offset, int limit) {
        return ops.inspect(ref, offset, limit);
    }

    /** The turn hash, persist queue and idempotency claims of a buffer's session; see {@link SupportView}. */
    /** How a turn that is no longer running ended, from its own stream; empty for a running one. */
    public Optional<TurnEnd> turnEnd(TurnStatus turn) {
        return TurnEnd.read(ops.redis(), turn);
    }

    public SupportView support(BufferRef ref) {
        KeySchema schema = ops.schema();
        RedisGateway redis = ops.redis();
        byte[] meta = ref.metaKey(schema);
        Map<String, String> turn = redis.read(r -> r.hgetall(meta));
        byte[] persistKey = ref.generation().persistKey(schema, ref.session());
        long persistLength = redis.read(r -> r.llen(persistKey));
        List<BufferEntry> persistHead = new ArrayList<>();
        for (byte[] raw : redis.read(r -> r.lrange(persistKey, 0, 9))) {
            persistHead.add(ref.generation().codec(schema).decode(raw));
        }
        Optional<Duration> persistTtl = SessionScan.ttlOf(redis.read(r -> r.pttl(persistKey)));
        String claimPrefix = new String(ref.generation().claimPrefix(schema, ref.session()), StandardCharsets.UTF_8);
        List<SupportView.Claim> claims = new ArrayList<>();
        // claims are today's backend's; finding them walks the whole keyspace (their message ids are known
        // nowhere else), which a seed buffer, which has none, is spared
        if (ref.generation() == BackendGeneration.CURRENT) redis.scanKeys(Glob.escape(claimPrefix) + "*", 1_000, keys -> {
            for (byte[] key : keys) {
                byte[] value = redis.read(r -> r.get(key));
                if (value != null) {
                    String id = new String(key, StandardCharsets.UTF_8).substring(claimPrefix.length());
                    claims.add(new SupportView.Claim(id, new String(value, StandardCharsets.UTF_8),
                            SessionScan.ttlOf(redis.read(r -> r.pttl(key)))));
                }
            }
        });
        claims.sort(Comparator.comparing(SupportView.Claim::messageId));
        Optional<TurnEnd> end = turn.isEmpty() ? Optional.empty() : turnEnd(new TurnStatus(
                turn.getOrDefault("status", ref.generation().noStatusMeansRunning() ? "running" : null),
                turn.get("user_id"), turn.get("turn_id"), turn.get("created_at"), turn.get("tool_name")));
        return new SupportView(new String(meta, StandardCharsets.UTF_8), turn, end,
                new SupportView.PersistQueue(new String(persistKey, StandardCharsets.UTF_8), persistLength,
                        persistTtl, persistHead), claims);
    }

    /** The buffer's length; 0 when it does not exist. */
    public long count(BufferRef ref) {
        return ops.count(ref);
    }

    public List<RateLimitCounter> rateLimits() {
        return ops.rateLimits();
    }

    /** Writes matching buffers to a new file ({@code replace}: may replace one). Reads Redis only. */
    public ExportOutcome export(String sessionGlob, Path out, boolean replace,
                                BiConsumer<Integer, Integer> progress, BooleanSupplier cancelled) {
        return ops.export(sessionGlob, out, replace, progress, cancelled);
    }

    /** Writes matching buffers' lines to a stream the caller owns ({@code name} says which, in messages). */
    public ExportOutcome export(String sessionGlob, Writer out, String name,
                                BiConsumer<Integer, Integer> progress, BooleanSupplier cancelled) {
        return ops.export(sessionGlob, out, name, progress, cancelled);
    }

    /** Follows pushes; events arrive on a background thread. */
    public LiveFeed follow(Consumer<LiveFeed.PushEvent> events, Duration pollEvery) {
        return LiveFeed.start(ops.redis(), ops.schema(), events, pollEvery);
    }

    // ------------------------------------------------------------------ the door

    /** The one door every write goes through; see {@link WriteDoor}. */
    public WriteDoor door() {
        return door;
    }

    /** Plans {@code write} and runs it through the door, asking {@code confirmer} when the door's rule says so. */
    public <R> R write(Write<R> write, Confirmer confirmer) {
        return door.run(write, confirmer);
    }

    /**
     * A look at a key that is not a buffer, bounded: a string's first 2,000 bytes, a hash's fields (up to
     * 200 of them), a list's first 10 entries; other types by their type only.
     */
    public String peekOther(OtherKey other) {
        RedisGateway redis = ops.redis();
        byte[] key = other.key();
        String type = redis.read(r -> r.type(key));
        StringBuilder out = new StringBuilder(other.keyText()).append("  (").append(type).append(")\n\n");
        switch (type) {
            case "string" -> out.append(new String(redis.read(r -> r.getrange(key, 0, 1_999)), StandardCharsets.UTF_8));
            case "hash" -> {
                long fields = redis.read(r -> r.hlen(key));
                if (fields > 200) {
                    out.append(fields).append(" fields; not shown here");
                } else {
                    redis.read(r -> r.hgetall(key)).forEach((f, v) -> out.append(f).append(" = ").append(v).append('\n'));
                }
            }
            case "list" -> redis.read(r -> r.lrange(key, 0, 9))
                    .forEach(v -> out.append(new String(v, StandardCharsets.UTF_8)).append('\n'));
            case "none" -> out.append("gone since the scan");
            default -> out.append("a ").append(type).append(": not shown here");
        }
        return out.toString().strip();
    }

    /**
     * Messages drained but not yet saved as chat rows, over every session's persist queue (today's
     * backend): a SCAN of their keys and a pipelined LLEN per batch.
     */
    public long persistQueued() {
        RedisGateway redis = ops.redis();
        long[] total = {0};
        redis.scanKeys(Glob.escape(BackendGeneration.persistPrefix(ops.schema())) + "*", 1_000, keys -> {
            if (keys.isEmpty()) {
                return;
            }
            List<Reply<Long>> lengths = redis.batch(p -> keys.stream().map(p::llen).toList());
            lengths.forEach(r -> total[0] += r.awaitOr(0L));
        });
        return total[0];
    }

    /** 1.2 MB, 340 KB, 512 bytes. */
    public static String size(long bytes) {
        if (bytes < 1_000) {
            return bytes + " bytes";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** "1 entry", "3 entries". */
    public static String entries(long n) {
        return count(n, "entry", "entries");
    }

    /** "1 buffer", "2 buffers": a count with its noun in the right number, for every message the tools print. */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    @Override
    public void close() {
        ops.redis().close();
    }
}
