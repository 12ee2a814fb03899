package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.BufferPage;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.LuaScript;
import dev.pendingconsole.core.PendingBuffers;
import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.RedisGateway;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operators' toolbox over one connection: inspect, safe clear, remove one entry, drain to file,
 * export, restore, TTL and rate-limit counters. The CLI and the console both call this class; it knows
 * nothing of either.
 *
 * <p>Every destructive action acts only on what the operator saw (the exact bytes of a snapshot, checked
 * atomically in Redis), writes a backup first unless asked not to (JSON Lines, fsync'd, then renamed),
 * and is recorded in the {@link AuditLog}. A write whose reply is lost is reported as
 * {@link RedisFailure.Kind#OUTCOME_UNKNOWN}, never retried; its backup is kept. Thread-safe.
 */
public final class Operations {

    private static final LuaScript CLEAR_HEAD = LuaScript.load(Operations.class, "clear_head");
    private static final LuaScript REMOVE_AT = LuaScript.load(Operations.class, "remove_at");
    private static final LuaScript RESTORE = LuaScript.load(Operations.class, "restore");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisGateway redis;
    private final KeySchema schema;
    private final DataDir dataDir;
    private final AuditLog audit;
    private final StuckRules rules;

    public Operations(RedisGateway redis, KeySchema schema, DataDir dataDir, StuckRules rules) {
        this.redis = redis;
        this.schema = schema;
        this.dataDir = dataDir;
        this.rules = rules;
        this.audit = new AuditLog(dataDir.auditLog(), redis.target().toString(), redis.target().address());
    }

    public KeySchema schema() {
        return schema;
    }

    public RedisGateway redis() {
        return redis;
    }

    public AuditLog audit() {
        return audit;
    }

    public boolean isReadOnly() {
        return redis.isReadOnly();
    }

    public SessionScan scan() {
        return new SessionScan(redis, schema);
    }

    public StuckRules rules() {
        return rules;
    }

    /** The core buffer operations for a buffer found under either layout. */
    public PendingBuffers buffers(BufferRef ref) {
        return new PendingBuffers(redis, ref.schemaFor(schema));
    }

    /** A buffer in the schema's own layout, for ids a person typed. */
    public BufferRef ref(dev.pendingconsole.core.SessionId session) {
        return new BufferRef(session, schema.layout());
    }

    /**
     * Finds out whether this connection may write under the prefix without writing anything: PEXPIRE on
     * a key that does not exist changes nothing, yet ACL refuses it (NOPERM) exactly when the user lacks
     * write permission for the prefix, and a replica refuses it as READONLY. When refused, every later
     * write is blocked with the reason; returns it, or empty when writes are allowed.
     */
    public Optional<String> probeWrites() {
        if (redis.isReadOnly()) {
            return Optional.of(redis.readOnlyReason());
        }
        byte[] probe = (schema.prefix() + "pending-console:write-probe:" + HexFormat.of().formatHex(randomBytes()))
                .getBytes(StandardCharsets.UTF_8);
        try {
            redis.write("check write permission", r -> r.pexpire(probe, 1_000));
            return Optional.empty();
        } catch (RedisFailure e) {
            if (e.kind() == RedisFailure.Kind.NO_PERMISSION || e.kind() == RedisFailure.Kind.READ_ONLY) {
                String reason = e.kind() == RedisFailure.Kind.NO_PERMISSION
                        ? "the ACL user may not write under " + schema.prefix() : "the server is a read-only replica";
                redis.blockWrites(reason);
                return Optional.of(reason);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ reading

    /** A page of a buffer's entries (at most {@link PendingBuffers#MAX_PAGE}), with TTL and turn metadata. */
    public Inspection inspect(BufferRef ref, long offset, int limit) {
        return inspect(ref, offset, limit, true);
    }

    /** {@code withTurn} false skips reading the turn metadata (a drain does not need it): one read less. */
    private Inspection inspect(BufferRef ref, long offset, int limit, boolean withTurn) {
        BufferPage page = buffers(ref).peek(ref.session(), offset, limit);
        byte[] key = ref.key(schema);
        Optional<Duration> ttl = SessionScan.ttlOf(redis.read(r -> r.pttl(key)));
        Optional<TurnStatus> turn = withTurn ? SessionScan.turnOf(
                redis.read(r -> r.hmget(schema.metaKey(ref.session()), SessionScan.metaFields()))) : Optional.empty();
        return new Inspection(ref, page, ttl, StuckRules.lastPushAge(schema, ttl), turn);
    }

    // ------------------------------------------------------------------ destructive actions

    /**
     * Removes exactly the entries {@code seen} showed, if they are still the head of the list, in one
     * script; entries pushed since stay. With {@code backup}, they are saved first; a backup of a clear
     * that did not happen is deleted so that it can never be restored twice.
     */
    public ClearOutcome clear(Inspection seen, boolean backup) {
        requireHead(seen, "clear");
        redis.refuseIfReadOnly("clear " + seen.ref().session());
        if (seen.page().entries().isEmpty()) {
            return new ClearOutcome(seen.ref(), ClearOutcome.Status.NOTHING, 0, seen.page().length(), Optional.empty());
        }
        Path file = backup ? backupOf(seen, "clear") : null;
        return removeHead(seen, file, "clear");
    }

    /**
     * Exports what {@code seen} showed to {@code out}, then removes exactly those entries as
     * {@link #clear} does. If the buffer changed meanwhile, nothing is removed and the file is deleted.
     */
    public ClearOutcome drainToFile(Inspection seen, Path out) {
        requireHead(seen, "drain");
        redis.refuseIfReadOnly("drain " + seen.ref().session());
        if (seen.page().entries().isEmpty()) {
            return new ClearOutcome(seen.ref(), ClearOutcome.Status.NOTHING, 0, seen.page().length(), Optional.empty());
        }
        BackupFile.write(out, entriesOf(seen), schema);
        return removeHead(seen, out, "drain-to-file");
    }

    private ClearOutcome removeHead(Inspection seen, Path backup, String action) {
        Path file = backup;
        byte[] key = seen.ref().key(schema);
        byte[][] expected = seen.raws().stream().map(RawPayload::bytes).toArray(byte[][]::new);
        List<Long> reply;
        try {
            reply = redis.write(action + " " + seen.ref().session(),
                    r -> CLEAR_HEAD.run(r, ScriptOutputType.MULTI, new byte[][] {key}, expected));
        } catch (RedisFailure e) {
            throw cutOff(e, action, seen.ref(), Map.of("seen", (long) expected.length), file);
        }
        boolean cleared = reply.get(0) == 1;
        if (!cleared) {
            deleteQuietly(file);
            record(action, seen.ref(), Map.of("seen", (long) expected.length, "removed", 0L, "length", reply.get(2)),
                    null, "changed since it was read: nothing removed");
            return new ClearOutcome(seen.ref(), ClearOutcome.Status.CHANGED, 0, reply.get(2), Optional.empty());
        }
        file = confirmed(file);
        record(action, seen.ref(), Map.of("removed", reply.get(1), "remaining", reply.get(2)), file, "done");
        return new ClearOutcome(seen.ref(), ClearOutcome.Status.CLEARED, reply.get(1).intValue(), reply.get(2),
                Optional.ofNullable(file));
    }

    /**
     * Drains what the backend's executor would (the first {@code cap} entries, unparsable ones included).
     * With {@code backup}, they are saved first and removed only if still the head, so a crash cannot lose
     * them; without, it is the executor's own {@code LPOP key cap}.
     */
    public DrainOutcome drain(BufferRef ref, boolean backup) {
        redis.refuseIfReadOnly("drain " + ref.session());
        if (backup) {
            return drainWithBackup(ref);
        }
        dev.pendingconsole.core.DrainResult result;
        try {
            result = buffers(ref).drain(ref.session());
        } catch (RedisFailure e) {
            record("drain", ref, Map.of(), null,
                    e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN ? "outcome unknown" : "failed: " + e.getMessage());
            throw e;
        }
        record("drain", ref, Map.of("drained", (long) result.messages().size(), "dropped", (long) result.dropped().size()),
                null, "done");
        return new DrainOutcome(ref, result, Optional.empty());
    }

    /**
     * What the backend's drain would pop (the first {@code cap} entries), saved first and then removed
     * only if they are still the head: a drain cut off by a crash leaves either all of them in the buffer
     * or all of them in the backup, never neither. Retried a few times if the head moves meanwhile.
     */
    private DrainOutcome drainWithBackup(BufferRef ref) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Inspection seen = inspect(ref, 0, schema.cap(), false);
            if (seen.page().entries().isEmpty()) {
                record("drain", ref, Map.of("drained", 0L, "dropped", 0L), null, "done");
                return new DrainOutcome(ref, new dev.pendingconsole.core.DrainResult(List.of()), Optional.empty());
            }
            ClearOutcome removed = removeHead(seen, backupOf(seen, "drain"), "drain");
            if (removed.status() == ClearOutcome.Status.CLEARED) {
                return new DrainOutcome(ref, new dev.pendingconsole.core.DrainResult(seen.page().entries()), removed.backup());
            }
        }
        throw new RedisFailure(RedisFailure.Kind.SERVER_ERROR, "drain " + ref.session()
                + ": the buffer kept changing while it was read (another drain is running?); nothing was drained", null);
    }

    /** Removes the entry at {@code index}, only if it still holds {@code expected}. */
    public RemoveOutcome removeEntry(BufferRef ref, long index, RawPayload expected, boolean backup) {
        redis.refuseIfReadOnly("remove an entry of " + ref.session());
        byte[] key = ref.key(schema);
        Path file = null;
        if (backup) {
            Optional<Duration> ttl = SessionScan.ttlOf(redis.read(r -> r.pttl(key)));
            file = BackupFile.write(unconfirmed(backupPath("remove", ref)),
                    List.of(new BackupEntry(key, index, expected, ttl, Instant.now())), schema);
        }
        byte[] tombstone = ("pending-console:tombstone:" + HexFormat.of().formatHex(randomBytes()))
                .getBytes(StandardCharsets.UTF_8);
        Path saved = file;
        List<Long> reply;
        final Path backupFile = file;
        try {
            reply = redis.write("remove entry " + index + " of " + ref.session(), r -> REMOVE_AT.run(r,
                    ScriptOutputType.MULTI, new byte[][] {key}, ascii(index), expected.bytes(), tombstone));
        } catch (RedisFailure e) {
            throw cutOff(e, "remove", ref, Map.of("index", index), backupFile);
        }
        boolean removed = reply.get(0) == 1;
        if (!removed) {
            deleteQuietly(saved);
        } else {
            saved = confirmed(saved);
        }
        record("remove", ref, Map.of("index", index, "removed", removed ? 1L : 0L, "remaining", reply.get(1)),
                removed ? saved : null, removed ? "done" : "changed since it was read: nothing removed");
        return new RemoveOutcome(ref, index, removed, reply.get(1), removed ? Optional.ofNullable(saved) : Optional.empty());
    }

    /**
     * Puts every entry of a backup or export file back at the head of its buffer, in its original order,
     * atomically per buffer, and re-applies the schema's TTL. The whole file is read and checked first: a
     * file that cannot be fully read, or that names keys outside the prefix, restores nothing.
     */
    public RestoreOutcome restore(Path file) {
        redis.refuseIfReadOnly("restore from " + file.getFileName());
        List<BackupEntry> entries = BackupFile.read(file);
        Map<String, List<BackupEntry>> byKey = new LinkedHashMap<>();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (BackupEntry entry : entries) {
            if (BufferRef.fromKey(schema, entry.key()).isEmpty()) {
                throw new BackupFile.Unreadable(file + " names a key that is not a buffer under " + schema.prefix()
                        + ": " + entry.keyText() + "; nothing was restored");
            }
            String id = HexFormat.of().formatHex(entry.key());
            byKey.computeIfAbsent(id, k -> new ArrayList<>()).add(entry);
            keys.put(id, entry.key());
        }
        if (isUnconfirmed(file)) {
            refuseIfStillThere(file, byKey, keys);
        }
        List<RestoreOutcome.Restored> restored = new ArrayList<>();
        for (Map.Entry<String, List<BackupEntry>> group : byKey.entrySet()) {
            List<BackupEntry> list = new ArrayList<>(group.getValue());
            list.sort(java.util.Comparator.comparingLong(BackupEntry::index));
            byte[] key = keys.get(group.getKey());
            byte[][] args = new byte[list.size() + 1][];
            args[0] = ascii(schema.ttl().getSeconds());
            for (int i = 0; i < list.size(); i++) {
                args[i + 1] = list.get(i).raw().bytes();
            }
            String keyText = new String(key, StandardCharsets.UTF_8);
            Long length;
            try {
                length = redis.write("restore " + keyText, r -> RESTORE.run(r, ScriptOutputType.INTEGER,
                        new byte[][] {key}, args));
            } catch (RedisFailure e) {
                auditRestore(file, keyText, list.size(), null,
                        e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN ? "outcome unknown" : "failed: " + e.getMessage());
                throw e;
            }
            auditRestore(file, keyText, list.size(), length, "done");
            restored.add(new RestoreOutcome.Restored(keyText, list.size(), length, length > schema.cap()));
        }
        return new RestoreOutcome(restored);
    }

    /**
     * The backup of a removal whose reply was lost: if its entries are still the head of their buffer,
     * the removal did not happen and restoring would duplicate them.
     */
    private void refuseIfStillThere(Path file, Map<String, List<BackupEntry>> byKey, Map<String, byte[]> keys) {
        for (Map.Entry<String, List<BackupEntry>> group : byKey.entrySet()) {
            byte[] key = keys.get(group.getKey());
            List<BackupEntry> list = new ArrayList<>(group.getValue());
            list.sort(java.util.Comparator.comparingLong(BackupEntry::index));
            List<byte[]> head = redis.read(r -> r.lrange(key, 0, list.size() - 1));
            boolean same = head.size() == list.size();
            for (int i = 0; same && i < list.size(); i++) {
                same = java.util.Arrays.equals(head.get(i), list.get(i).raw().bytes());
            }
            if (same) {
                throw new BackupFile.Unreadable(file.getFileName() + " is the backup of a removal whose reply was lost,"
                        + " and its entries are still at the head of " + new String(key, StandardCharsets.UTF_8)
                        + ": the removal did not happen, so restoring would duplicate them. Nothing was restored;"
                        + " the backup can be deleted.");
            }
        }
    }

    private void auditRestore(Path file, String key, int entries, Long length, String outcome) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("restored", (long) entries);
        if (length != null) {
            counts.put("length", length);
        }
        audit.record("restore", List.of(key), counts, file, outcome);
    }

    /** Sets, extends or removes a buffer's TTL; returns the TTL afterwards (empty: none). */
    public Optional<Duration> setTtl(BufferRef ref, TtlChange change) {
        byte[] key = ref.key(schema);
        String action = "ttl " + ref.session();
        redis.refuseIfReadOnly(action);
        if (redis.<Long>read(r -> r.exists(key)) == 0) {
            throw new IllegalArgumentException("no buffer for session " + ref.session());
        }
        if (change instanceof TtlChange.Persist) {
            redis.write(action, r -> r.persist(key));
        } else {
            long millis;
            if (change instanceof TtlChange.Set set) {
                millis = set.ttl().toMillis();
            } else {
                long current = Math.max(0, redis.<Long>read(r -> r.pttl(key)));
                millis = current + ((TtlChange.Extend) change).by().toMillis();
            }
            if (millis < 1) {
                throw new IllegalArgumentException("a TTL must be positive; use persist to remove it");
            }
            redis.write(action, r -> r.pexpire(key, millis));
        }
        Optional<Duration> after = SessionScan.ttlOf(redis.read(r -> r.pttl(key)));
        record("ttl", ref, Map.of("ttl_ms", after.map(Duration::toMillis).orElse(-1L)), null, "done");
        return after;
    }

    // ------------------------------------------------------------------ export

    /**
     * Writes every entry of every buffer whose session matches {@code sessionGlob} (null: all) to
     * {@code out}, paging through long lists; {@code progress} hears of each buffer exported.
     */
    /** Thrown when an export was cancelled; nothing was written. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled(String message) {
            super(message);
        }
    }

    /**
     * Writes every entry of the matching buffers to {@code out}, streaming (a million entries are never in
     * memory at once), telling {@code progress} how many buffers of how many are done. If
     * {@code cancelled} turns true, stops and leaves no file.
     */
    public ExportOutcome export(String sessionGlob, Path out, java.util.function.BiConsumer<Integer, Integer> progress,
                                java.util.function.BooleanSupplier cancelled) {
        List<BufferSummary> found = scan().all(SessionScan.Options.ALL.withGlob(sessionGlob).withoutEntryCheck());
        try (BackupFile.Streaming file = BackupFile.open(out, schema)) {
            int done = 0;
            for (BufferSummary buffer : found) {
                if (cancelled.getAsBoolean()) {
                    throw new Cancelled("export cancelled after " + done + " of " + found.size() + " buffers; no file written");
                }
                forEachEntry(buffer.ref(), file::add);
                progress.accept(++done, found.size());
            }
            file.commit();
            return new ExportOutcome(out, found.size(), (int) file.entries());
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
        ScanArgs args = ScanArgs.Builder.matches(Glob.escape(prefix) + "*").limit(1_000);
        List<RateLimitCounter> counters = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        while (true) {
            ScanCursor from = cursor;
            KeyScanCursor<byte[]> batch = redis.read(r -> r.scan(from, args));
            cursor = batch;
            for (byte[] key : batch.getKeys()) {
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
            if (batch.isFinished()) {
                counters.sort(java.util.Comparator.comparing(RateLimitCounter::user));
                return counters;
            }
        }
    }

    /** Deletes a user's counter, lifting the limit at once; returns whether there was one. */
    public boolean resetRateLimit(String user) {
        byte[] key = (schema.prefix() + "calls:" + user).getBytes(StandardCharsets.UTF_8);
        boolean existed = redis.write("reset the rate limit of " + user, r -> r.del(key)) > 0;
        audit.record("reset-rate-limit", List.of(new String(key, StandardCharsets.UTF_8)),
                Map.of("deleted", existed ? 1L : 0L), null, "done");
        return existed;
    }

    // ------------------------------------------------------------------ helpers

    private static void requireHead(Inspection seen, String action) {
        if (!seen.showsHead()) {
            throw new IllegalArgumentException(action + " acts on the head of a buffer; the page shown starts at "
                    + seen.page().offset());
        }
    }

    /** Saves what {@code seen} showed under an "unconfirmed" name until the removal is known to have happened. */
    private Path backupOf(Inspection seen, String action) {
        return BackupFile.write(unconfirmed(backupPath(action, seen.ref())), entriesOf(seen), schema);
    }

    private static final String UNCONFIRMED = ".unconfirmed.jsonl";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Operations.class);

    private static Path unconfirmed(Path backup) {
        String name = backup.getFileName().toString();
        return backup.resolveSibling(name.substring(0, name.length() - ".jsonl".length()) + UNCONFIRMED);
    }

    /** Whether {@code file} is the backup of a removal whose outcome was never learnt. */
    public static boolean isUnconfirmed(Path file) {
        return file.getFileName().toString().endsWith(UNCONFIRMED);
    }

    /** The removal happened: the backup loses its "unconfirmed" name (an atomic rename). */
    private static Path confirmed(Path file) {
        if (file == null || !isUnconfirmed(file)) {
            return file;
        }
        String name = file.getFileName().toString();
        Path done = file.resolveSibling(name.substring(0, name.length() - UNCONFIRMED.length()) + ".jsonl");
        try {
            return java.nio.file.Files.move(file, done, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            log.warn("could not rename the confirmed backup {}: {}", file, e.getMessage());
            return file;
        }
    }

    /**
     * A removal that failed: if it surely did not happen, its backup goes; if its reply was lost, the
     * backup stays under its "unconfirmed" name and the message says how to tell what happened.
     */
    private RedisFailure cutOff(RedisFailure e, String action, BufferRef ref, Map<String, Long> counts, Path backup) {
        boolean unknown = e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN;
        record(action, ref, counts, backup, unknown ? "outcome unknown" : "failed: " + e.getMessage());
        if (!unknown) {
            deleteQuietly(backup); // nothing was removed: a file of the entries would only mislead
            return e;
        }
        if (backup == null) {
            return e;
        }
        return new RedisFailure(e.kind(), e.getMessage() + " The backup " + backup + " holds the entries: if they"
                + " are no longer in the buffer, it is their only copy (restore it); if they still are, nothing"
                + " was removed (restore refuses it then; delete it).", e);
    }

    private List<BackupEntry> entriesOf(Inspection seen) {
        byte[] key = seen.ref().key(schema);
        Instant now = Instant.now();
        List<BackupEntry> entries = new ArrayList<>();
        List<BufferEntry> shown = seen.page().entries();
        for (int i = 0; i < shown.size(); i++) {
            entries.add(new BackupEntry(key, seen.page().indexOf(i), shown.get(i).raw(), seen.ttl(), now));
        }
        return entries;
    }

    private Path backupPath(String action, BufferRef ref) {
        String session = ref.session().text().replaceAll("[^A-Za-z0-9._-]", "_");
        if (session.length() > 60) {
            session = session.substring(0, 60);
        }
        String suffix = HexFormat.of().formatHex(randomBytes()).substring(0, 6);
        return dataDir.backups().resolve(STAMP.format(Instant.now()) + "-" + action + "-" + session + "-" + suffix + ".jsonl");
    }

    private void record(String action, BufferRef ref, Map<String, Long> counts, Path backup, String outcome) {
        audit.record(action, List.of(ref.keyText(schema)), counts, backup, outcome);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover file is harmless: the audit log records that nothing was removed
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }
}
