package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferPage;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.local.AuditLog;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.local.TtlMarks;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The read side of one connection: inspect a buffer, count it, export, rate-limit counters, the server's
 * identity for backups. It writes nothing to Redis (every write is a {@code ops.write.Write} run by the
 * {@code WriteDoor}); an export writes only its own file. Thread-safe.
 */
public final class Operations {


    private final RedisGateway redis;
    private final KeySchema schema;
    private final AuditLog audit;
    private final StuckRules rules;
    private final String profile;
    private final TtlMarks ttlMarks;
    private volatile BackupOrigin origin;

    public Operations(RedisGateway redis, KeySchema schema, DataDir dataDir, StuckRules rules) {
        this(redis, schema, dataDir, rules, redis.target().toString());
    }

    /** {@code profile} names the connection in backups and the audit log (never with a password). */
    public Operations(RedisGateway redis, KeySchema schema, DataDir dataDir, StuckRules rules, String profile) {
        this.redis = redis;
        this.schema = schema;
        this.rules = rules;
        this.profile = profile;
        this.audit = new AuditLog(dataDir.auditLog(), profile, redis.target().address());
        this.ttlMarks = new TtlMarks(dataDir.ttlMarks());
    }

    /** The TTLs this tool set by hand: the write door adds to them, reads believe no age estimated under one. */
    public TtlMarks ttlMarks() {
        return ttlMarks;
    }

    /** The session a key names, for the {@code session} field of backups. */
    private Optional<String> sessionOf(byte[] key) {
        return BufferRef.fromKey(schema, key).map(ref -> ref.session().text());
    }

    /** This server's identity, asked once: {@code run_id} from INFO, or the master node ids of a cluster. */
    public BackupOrigin origin() {
        BackupOrigin known = origin;
        if (known == null) {
            known = new BackupOrigin(redis.target().address(), identity(), profile);
            origin = known;
        }
        return known;
    }

    private String identity() {
        try {
            if (redis.isCluster()) {
                String nodes = redis.read(r -> r.clusterNodes());
                return nodes.lines().filter(l -> l.contains("master")).map(l -> l.split(" ")[0]).sorted()
                        .collect(Collectors.joining(","));
            }
            String info = redis.read(r -> r.info("server"));
            return info.lines().filter(l -> l.startsWith("run_id:")).map(l -> l.substring("run_id:".length()).trim())
                    .findFirst().orElse("");
        } catch (RedisFailure e) {
            return "";
        }
    }

    public KeySchema schema() {
        return schema;
    }

    RedisGateway redis() {
        return redis;
    }

    public AuditLog audit() {
        return audit;
    }

    public boolean isReadOnly() {
        return redis.isReadOnly();
    }

    public SessionScan scan() {
        return new SessionScan(redis, schema, ttlMarks.of(redis.target().address()));
    }

    public StuckRules rules() {
        return rules;
    }

    /** The core buffer operations for a buffer found under either layout. */
    PendingBuffers buffers(BufferRef ref) {
        return new PendingBuffers(redis, ref.schemaFor(schema));
    }

    /** A buffer in the schema's own layout, for ids a person typed. */
    public BufferRef ref(SessionId session) {
        return new BufferRef(session, schema.layout());
    }

    // ------------------------------------------------------------------ reading

    /** The buffer's length; 0 when it does not exist. */
    public long count(BufferRef ref) {
        return onBuffer(ref, () -> buffers(ref).count(ref.session()));
    }

    /**
     * Runs a read of {@code ref}; a key of another type under the buffer's name (WRONGTYPE) becomes a
     * failure that names the key and its type, not the server's bare error.
     */
    private <T> T onBuffer(BufferRef ref, Supplier<T> read) {
        try {
            return read.get();
        } catch (RedisFailure e) {
            if (e.kind() != RedisFailure.Kind.WRONG_TYPE) {
                throw e;
            }
            byte[] key = ref.key(schema);
            String type = redis.read(r -> r.type(key));
            throw new RedisFailure(e.kind(), ref.keyText(schema) + " is a " + type
                    + ", not a list: it is not a pending buffer (the backend's own push and drain fail on it too);"
                    + " nothing was changed. Removing it (its value backed up): pending remove " + ref.session().text()
                    + " --wrong-type, or Remove key in the console's inspector", e);
        }
    }


    /** A page of a buffer's entries (at most {@link PendingBuffers#MAX_PAGE}), with TTL and turn metadata. */
    public Inspection inspect(BufferRef ref, long offset, int limit) {
        return onBuffer(ref, () -> inspect(ref, offset, limit, true));
    }

    /** {@code withTurn} false skips reading the turn metadata (a drain does not need it): one read less. */
    private Inspection inspect(BufferRef ref, long offset, int limit, boolean withTurn) {
        BufferPage page = buffers(ref).peek(ref.session(), offset, limit);
        byte[] key = ref.key(schema);
        Optional<Duration> ttl = SessionScan.ttlOf(redis.read(r -> r.pttl(key)));
        Optional<TurnStatus> turn = withTurn ? SessionScan.turnOf(
                redis.read(r -> r.hmget(ref.metaKey(schema), SessionScan.metaFields())), ref.generation()) : Optional.empty();
        boolean tail = page.offset() + page.entries().size() >= page.length();
        Optional<Duration> age = tail ? StuckRules.exactAge(page.entries().size(), page.entries()) : Optional.empty();
        boolean handSet = age.isEmpty() && ttlMarks.of(redis.target().address()).handSet(key, ttl);
        return new Inspection(ref, page, ttl, age.isPresent() || handSet ? age : StuckRules.lastPushAge(schema, ttl), turn);
    }

    // ------------------------------------------------------------------ export

    /**
     * Writes every entry of every buffer whose session matches {@code sessionGlob} (null: all) to
     * {@code out}, paging through long lists; {@code progress} hears of each buffer exported.
     */

    /**
     * Writes every entry of the matching buffers to {@code out}, streaming (a million entries are never in
     * memory at once), telling {@code progress} how many buffers of how many are done. If
     * {@code cancelled} turns true, stops and leaves no file.
     */
    public ExportOutcome export(String sessionGlob, Path out, BiConsumer<Integer, Integer> progress,
                                BooleanSupplier cancelled) {
        return export(sessionGlob, out, false, progress, cancelled);
    }

    /** As above; {@code replace} lets the file replace one of the same name (never the default). */
    public ExportOutcome export(String sessionGlob, Path out, boolean replace,
                                BiConsumer<Integer, Integer> progress,
                                BooleanSupplier cancelled) {
        BackupFile.checkWritable(out, replace);
        return export(sessionGlob, () -> BackupFile.open(out, this::sessionOf, origin(), replace), Optional.of(out),
                progress, cancelled);
    }

    /**
     * As above, to a stream the caller owns (standard output): the same lines, written as read, the end
     * line last. Nothing is written when nothing matches; cut short, the lines lack their end line.
     */
    public ExportOutcome export(String sessionGlob, Writer out, String name, BiConsumer<Integer, Integer> progress,
                                BooleanSupplier cancelled) {
        return export(sessionGlob, () -> BackupFile.open(out, name, this::sessionOf, origin()), Optional.empty(),
                progress, cancelled);
    }

    private ExportOutcome export(String sessionGlob, Supplier<BackupFile.Streaming> open, Optional<Path> file,
                                 BiConsumer<Integer, Integer> progress, BooleanSupplier cancelled) {
        List<BufferSummary> found = new ArrayList<>(scan().all(SessionScan.Options.ALL.withGlob(sessionGlob).withoutEntryCheck()));
        found.removeIf(BufferSummary::wrongType); // not a list: no entries to export
        if (found.isEmpty()) {
            return new ExportOutcome(file, 0, 0); // nothing to export: nothing is written
        }
        try (BackupFile.Streaming stream = open.get()) {
            int done = 0;
            for (BufferSummary buffer : found) {
                if (cancelled.getAsBoolean()) {
                    throw new ExportCancelled("export cancelled after " + done + " of " + found.size() + " buffers; no file written");
                }
                forEachEntry(buffer.ref(), stream::add);
                progress.accept(++done, found.size());
            }
            stream.commit();
            return new ExportOutcome(file, found.size(), (int) stream.entries());
        }
    }

    /** Hands every entry of one buffer to {@code sink}, read a page at a time. */
    private void forEachEntry(BufferRef ref, Consumer<BackupEntry> sink) {
        byte[] key = ref.key(schema);
        Optional<Duration> ttl = SessionScan.ttlOf(redis.read(r -> r.pttl(key)));
        Instant now = Instant.now();
        PendingBuffers buffers = buffers(ref);
        long offset = 0;
        while (true) {
            BufferPage page = buffers.peek(ref.session(), offset, PendingBuffers.MAX_PAGE);
            for (int i = 0; i < page.entries().size(); i++) {
                sink.accept(new BackupEntry(key, page.indexOf(i), page.entries().get(i).raw(), ttl, now));
            }
            offset += page.entries().size();
            if (page.entries().size() < PendingBuffers.MAX_PAGE) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ rate limits

    /** Every {@code calls:<user>} counter with its count and window left. */
    public List<RateLimitCounter> rateLimits() {
        String prefix = schema.prefix() + "calls:";
        List<RateLimitCounter> counters = new ArrayList<>();
        redis.scanKeys(Glob.escape(prefix) + "*", 1_000, keys -> {
            for (byte[] key : keys) {
                byte[] value;
                Long pttl;
                try {
                    value = redis.read(r -> r.get(key));
                    pttl = redis.read(r -> r.pttl(key));
                } catch (RedisFailure e) {
                    if (e.kind() == RedisFailure.Kind.WRONG_TYPE) {
                        continue;
                    }
                    throw e;
                }
                if (value == null) {
                    continue;
                }
                String user = new String(key, StandardCharsets.UTF_8).substring(prefix.length());
                long count;
                try {
                    count = Long.parseLong(new String(value, StandardCharsets.UTF_8).trim());
                } catch (NumberFormatException e) {
                    continue;
                }
                counters.add(new RateLimitCounter(user, count, SessionScan.ttlOf(pttl)));
            }
        });
        counters.sort(Comparator.comparing(RateLimitCounter::user));
        return counters;
    }

    /** A user's counter now, if there is one. */
    public Optional<RateLimitCounter> rateLimit(String user) {
        byte[] key = rateLimitKey(user);
        byte[] value = redis.read(r -> r.get(key));
        if (value == null) {
            return Optional.empty();
        }
        long count;
        try {
            count = Long.parseLong(new String(value, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            count = -1;
        }
        long c = count;
        return Optional.of(new RateLimitCounter(user, c, SessionScan.ttlOf(redis.read(r -> r.pttl(key)))));
    }

    private byte[] rateLimitKey(String user) {
        return (schema.prefix() + "calls:" + user).getBytes(StandardCharsets.UTF_8);
    }

}
