package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.BufferPage;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.redis.LuaScript;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.core.DrainResult;
import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.redis.RedisGateway;

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
import dev.pendingconsole.local.AuditLog;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.local.DataDir;

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

    private static final LuaScript CLEAR_HEAD = LuaScript.load("clear_head");
    private static final LuaScript REMOVE_AT = LuaScript.load("remove_at");
    private static final LuaScript RESTORE_HEAD = LuaScript.load("restore_head");
    private static final LuaScript RESTORE_AT = LuaScript.load("restore_at");
    private static final LuaScript PUSH_CHECKED = LuaScript.load("push_checked");
    private static final LuaScript REMOVE_TAIL = LuaScript.load("remove_tail");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisGateway redis;
    private final KeySchema schema;
    private final DataDir dataDir;
    private final AuditLog audit;
    private final StuckRules rules;
    private final String profile;
    private volatile BackupOrigin origin;

    public Operations(RedisGateway redis, KeySchema schema, DataDir dataDir, StuckRules rules) {
        this(redis, schema, dataDir, rules, redis.target().toString());
    }

    /** {@code profile} names the connection in backups and the audit log (never with a password). */
    public Operations(RedisGateway redis, KeySchema schema, DataDir dataDir, StuckRules rules, String profile) {
        this.redis = redis;
        this.schema = schema;
        this.dataDir = dataDir;
        this.rules = rules;
        this.profile = profile;
        this.audit = new AuditLog(dataDir.auditLog(), profile, redis.target().address());
    }

    /**
     * This server's identity, asked once: {@code run_id} from INFO, or the master node ids of a cluster.
     * Empty identity when the ACL user may not ask; the address then stands for it.
     */
    /** The session a key names, for the {@code session} field of backups. */
    private Optional<String> sessionOf(byte[] key) {
        return BufferRef.fromKey(schema, key).map(ref -> ref.session().text());
    }

    BackupOrigin origin() {
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
                        .collect(java.util.stream.Collectors.joining(","));
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
        return new SessionScan(redis, schema);
    }

    public StuckRules rules() {
        return rules;
    }

    /** The core buffer operations for a buffer found under either layout. */
    PendingBuffers buffers(BufferRef ref) {
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
                redis.read(r -> r.hmget(ref.metaKey(schema), SessionScan.metaFields())), ref.generation()) : Optional.empty();
        boolean tail = page.offset() + page.entries().size() >= page.length();
        Optional<Duration> age = tail ? StuckRules.exactAge(page.entries().size(), page.entries()) : Optional.empty();
        return new Inspection(ref, page, ttl, age.isPresent() ? age : StuckRules.lastPushAge(schema, ttl), turn);
    }

    // ------------------------------------------------------------------ destructive actions
    // Package-private: the CLI and the console reach these only through Workspace's plan -> confirm -> execute.

    /**
     * Removes exactly the entries {@code seen} showed, if they are still the head of the list, in one
     * script; entries pushed since stay. With {@code backup}, they are saved first; a backup of a clear
     * that did not happen is deleted so that it can never be restored twice.
     */
    ClearOutcome clear(Inspection seen, boolean backup) {
        requireHead(seen, "clear");
        redis.refuseIfReadOnly("clear " + seen.ref().session());
        if (seen.page().entries().isEmpty()) {
            return new ClearOutcome(seen.ref(), ClearOutcome.Status.NOTHING, 0, seen.page().length(), Optional.empty());
        }
        Path file = backup ? backupOf(seen, "clear") : null;
        return removeHead(seen, file, "clear");
    }

    /**
     * Exports what {@code seen} showed to {@code out} (which must not exist), saves the regular backup too,
     * then removes exactly those entries as {@link #clear} does. If the buffer changed meanwhile, nothing is
     * removed and both files are deleted.
     */
    ClearOutcome drainToFile(Inspection seen, Path out) {
        requireHead(seen, "drain");
        redis.refuseIfReadOnly("drain " + seen.ref().session());
        BackupFile.checkWritable(out, false);
        if (seen.page().entries().isEmpty()) {
            return new ClearOutcome(seen.ref(), ClearOutcome.Status.NOTHING, 0, seen.page().length(), Optional.empty());
        }
        BackupFile.write(out, entriesOf(seen), this::sessionOf, origin());
        Path backup;
        try {
            backup = backupOf(seen, "drain-to-file");
        } catch (RuntimeException e) {
            deleteQuietly(out);
            throw e;
        }
        ClearOutcome outcome;
        try {
            outcome = removeHead(seen, backup, "drain-to-file");
        } catch (RedisFailure e) {
            if (e.kind() != RedisFailure.Kind.OUTCOME_UNKNOWN) {
                deleteQuietly(out); // surely nothing was removed: a file claiming a drain would only mislead
            }
            throw e; // after a lost reply the file stays: it may be the entries' only copy
        }
        if (outcome.status() == ClearOutcome.Status.CHANGED) {
            deleteQuietly(out);
        }
        return outcome;
    }

    /**
     * Clears many buffers, each exactly as {@link #clear} does (only what was shown, only if still the
     * head), with one backup file of everything first and an audit line per buffer. A buffer that changed is
     * skipped; a Redis failure stops the run there and is reported in the outcome, with what was done.
     */
    BulkClearOutcome clearMany(List<Inspection> seen, boolean backup) {
        redis.refuseIfReadOnly("clear " + seen.size() + " buffers");
        seen.forEach(s -> requireHead(s, "clear"));
        List<Inspection> nonEmpty = seen.stream().filter(s -> !s.page().entries().isEmpty()).toList();
        Path file = null;
        if (backup && !nonEmpty.isEmpty()) {
            List<BackupEntry> all = new ArrayList<>();
            nonEmpty.forEach(s -> all.addAll(entriesOf(s)));
            String suffix = HexFormat.of().formatHex(randomBytes()).substring(0, 6);
            file = BackupFile.write(dataDir.backups().resolve(STAMP.format(Instant.now()) + "-clear-" + nonEmpty.size()
                    + "-buffers-" + suffix + ".jsonl"), all, this::sessionOf, origin());
        }
        List<ClearOutcome> outcomes = new ArrayList<>();
        String stoppedBy = null;
        for (Inspection s : seen) {
            if (s.page().entries().isEmpty()) {
                outcomes.add(new ClearOutcome(s.ref(), ClearOutcome.Status.NOTHING, 0, s.page().length(), Optional.empty()));
                continue;
            }
            try {
                outcomes.add(removeHead(s, file, "clear", false));
            } catch (RedisFailure e) {
                stoppedBy = e.getMessage();
                break;
            }
        }
        boolean removedAny = outcomes.stream().anyMatch(o -> o.status() == ClearOutcome.Status.CLEARED);
        if (!removedAny && stoppedBy == null) {
            deleteQuietly(file); // nothing was removed: the file would only mislead
            file = null;
        }
        return new BulkClearOutcome(outcomes, Optional.ofNullable(file), Optional.ofNullable(stoppedBy));
    }

    private ClearOutcome removeHead(Inspection seen, Path backup, String action) {
        return removeHead(seen, backup, action, true);
    }

    /** {@code ownsBackup} false: the file is shared by a bulk clear, which keeps or deletes it itself. */
    private ClearOutcome removeHead(Inspection seen, Path backup, String action, boolean ownsBackup) {
        Path file = backup;
        byte[] key = seen.ref().key(schema);
        byte[][] expected = seen.raws().stream().map(RawPayload::bytes).toArray(byte[][]::new);
        List<Long> reply;
        try {
            reply = script(action + " " + seen.ref().session(), CLEAR_HEAD, new byte[][] {key}, expected);
        } catch (RedisFailure e) {
            if (!ownsBackup) {
                record(action, seen.ref(), Map.of("seen", (long) expected.length), file,
                        e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN ? "outcome unknown" : "failed: " + e.getMessage());
                throw e;
            }
            throw cutOff(e, action, seen.ref(), Map.of("seen", (long) expected.length), file);
        }
        boolean cleared = reply.get(0) == 1;
        if (!cleared) {
            if (ownsBackup) {
                deleteQuietly(file);
            }
            record(action, seen.ref(), Map.of("seen", (long) expected.length, "removed", 0L, "length", reply.get(2)),
                    null, "changed since it was read: nothing removed");
            return new ClearOutcome(seen.ref(), ClearOutcome.Status.CHANGED, 0, reply.get(2), Optional.empty());
        }
        file = ownsBackup ? confirmed(file) : file;
        record(action, seen.ref(), Map.of("removed", reply.get(1), "remaining", reply.get(2)), file, "done");
        return new ClearOutcome(seen.ref(), ClearOutcome.Status.CLEARED, reply.get(1).intValue(), reply.get(2),
                Optional.ofNullable(file));
    }

    /**
     * Drains what the backend's executor would (the first {@code cap} entries, unparsable ones included),
     * removed only if they are still the head, so that nothing pushed or drained meanwhile is touched; with
     * {@code backup}, saved first, so a crash leaves them either in the buffer or in the backup. Retried a few
     * times if the head moves meanwhile (for callers that showed nothing: tests and the fault drills).
     */
    DrainOutcome drain(BufferRef ref, boolean backup) {
        redis.refuseIfReadOnly("drain " + ref.session());
        for (int attempt = 0; attempt < 5; attempt++) {
            DrainOutcome outcome = drainHead(inspect(ref, 0, schema.cap(), false), backup);
            if (outcome.status() != ClearOutcome.Status.CHANGED) {
                return outcome;
            }
        }
        throw new RedisFailure(RedisFailure.Kind.SERVER_ERROR, "drain " + ref.session()
                + ": the buffer kept changing while it was read (another drain is running?); nothing was drained", null);
    }

    /** Drains exactly the entries {@code seen} showed (the head), if they are still there. */
    DrainOutcome drainHead(Inspection seen, boolean backup) {
        requireHead(seen, "drain");
        BufferRef ref = seen.ref();
        if (seen.page().entries().isEmpty()) {
            record("drain", ref, Map.of("drained", 0L, "dropped", 0L), null, "nothing to drain");
            return new DrainOutcome(ref, ClearOutcome.Status.NOTHING, new DrainResult(List.of()), Optional.empty(), 0);
        }
        ClearOutcome removed = removeHead(seen, backup ? backupOf(seen, "drain") : null, "drain");
        DrainResult result = removed.status() == ClearOutcome.Status.CLEARED
                ? new DrainResult(seen.page().entries()) : new DrainResult(List.of());
        return new DrainOutcome(ref, removed.status(), result, removed.backup(), removed.remaining());
    }

    /** Removes the entry at {@code index}, only if it still holds {@code expected}. */
    RemoveOutcome removeEntry(BufferRef ref, long index, RawPayload expected, boolean backup) {
        redis.refuseIfReadOnly("remove an entry of " + ref.session());
        byte[] key = ref.key(schema);
        Path file = null;
        if (backup) {
            Optional<Duration> ttl = SessionScan.ttlOf(redis.read(r -> r.pttl(key)));
            file = BackupFile.write(unconfirmed(backupPath("remove", ref)),
                    List.of(new BackupEntry(key, index, expected, ttl, Instant.now())), this::sessionOf, origin());
        }
        byte[] tombstone = tombstone();
        Path saved = file;
        List<Long> reply;
        final Path backupFile = file;
        try {
            reply = script("remove entry " + index + " of " + ref.session(), REMOVE_AT, new byte[][] {key},
                    ascii(index), expected.bytes(), tombstone);
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
     * Pushes {@code payload} {@code times} times, {@code everyMillis} apart, exactly as the backend does
     * (RPUSH, LTRIM to the cap, EXPIRE, then the notify), but each push only onto the buffer as planned:
     * {@code length} entries, of which it evicts exactly the next of {@code evictable} (the head the plan
     * showed, then this run's own pushes). The entries the plan said would be evicted are backed up first.
     * Stops, pushing nothing more, when the buffer is not as planned or {@code stop} turns true.
     */
    PushOutcome push(BufferRef ref, java.util.function.Supplier<byte[]> payloads, boolean onlyIfRunning, int times,
                     long everyMillis, long length, List<RawPayload> evictable,
                     java.util.function.BooleanSupplier stop, java.util.function.IntConsumer progress) {
        redis.refuseIfReadOnly("push to " + ref.session());
        byte[] key = ref.key(schema);
        Path file = null;
        if (!evictable.isEmpty()) { // what the plan said it evicts is saved first, always
            Optional<Duration> ttl = SessionScan.ttlOf(redis.read(r -> r.pttl(key)));
            Instant now = Instant.now();
            List<BackupEntry> saved = new ArrayList<>();
            for (int i = 0; i < evictable.size(); i++) {
                saved.add(new BackupEntry(key, i, evictable.get(i), ttl, now));
            }
            file = BackupFile.write(backupPath("push-evicts", ref), saved, this::sessionOf, origin());
        }
        java.util.ArrayDeque<byte[]> head = new java.util.ArrayDeque<>();
        evictable.forEach(raw -> head.add(raw.bytes()));
        PendingBuffers core = buffers(ref);
        byte[][] keys = onlyIfRunning ? new byte[][] {key, ref.metaKey(schema)} : new byte[][] {key};
        List<byte[]> landed = new ArrayList<>();
        long expected = length;
        long evicted = 0;
        int pushed = 0;
        PushOutcome.Status status = PushOutcome.Status.DONE;
        try {
            for (int i = 0; i < times; i++) {
                if (stop.getAsBoolean()) {
                    status = PushOutcome.Status.STOPPED;
                    break;
                }
                if (i > 0 && everyMillis > 0) {
                    Thread.sleep(everyMillis);
                }
                int evict = (int) Math.max(0, expected + 1 - schema.cap());
                byte[][] args = new byte[4 + evict][];
                byte[] payload = payloads.get();
                args[0] = payload;
                args[1] = ascii(schema.cap());
                args[2] = ascii(schema.ttl().getSeconds());
                args[3] = ascii(expected);
                java.util.Iterator<byte[]> it = head.iterator();
                for (int e = 0; e < evict; e++) {
                    args[4 + e] = it.hasNext() ? it.next() : new byte[0];
                }
                List<Long> reply = script("push to " + ref.session(), PUSH_CHECKED, keys, args);
                if (reply.get(0) != 1) {
                    status = reply.get(0) == -1 ? PushOutcome.Status.NO_RUNNING_TURN : PushOutcome.Status.CHANGED;
                    expected = reply.get(1);
                    break;
                }
                landed.add(payload);
                for (int e = 0; e < evict; e++) {
                    head.poll();
                }
                head.add(payload);
                expected = reply.get(1);
                evicted += reply.get(2);
                pushed++;
                core.notifyPushed(ref.session());
                progress.accept(pushed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = PushOutcome.Status.STOPPED;
        } catch (RedisFailure e) {
            record("push", ref, Map.of("pushed", (long) pushed, "evicted", evicted), file,
                    e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN ? "outcome unknown after " + pushed + " pushes"
                            : "failed after " + pushed + " pushes: " + e.getMessage());
            throw e;
        }
        if (evicted == 0 && file != null) {
            deleteQuietly(file); // it evicted nothing after all (stopped, or the buffer changed first)
            file = null;
        }
        record("push", ref, Map.of("requested", (long) times, "pushed", (long) pushed, "evicted", evicted,
                "length", expected), file, switch (status) {
                    case DONE -> "done";
                    case STOPPED -> "stopped after " + pushed;
                    case CHANGED -> "changed since it was read: stopped after " + pushed;
                    case NO_RUNNING_TURN -> "no running turn: stopped after " + pushed;
                });
        return new PushOutcome(ref, status, times, pushed, expected, evicted, Optional.ofNullable(file), landed);
    }

    /** Removes the last {@code count} entries if they are still exactly {@code payloads} (Undo of a push). */
    ClearOutcome removeTail(BufferRef ref, List<byte[]> payloads) {
        byte[] key = ref.key(schema);
        List<Long> reply = script("undo push to " + ref.session(), REMOVE_TAIL, new byte[][] {key},
                payloads.toArray(byte[][]::new));
        boolean removed = reply.get(0) == 1;
        record("undo-push", ref, Map.of("removed", removed ? (long) payloads.size() : 0L, "remaining", reply.get(2)), null,
                removed ? "done" : "changed since the push: nothing removed");
        return new ClearOutcome(ref, removed ? ClearOutcome.Status.CLEARED : ClearOutcome.Status.CHANGED,
                removed ? payloads.size() : 0, reply.get(2), Optional.empty());
    }

    /** A backup read and grouped by buffer, ready to restore; see {@link #restore(Restorable)}. */
    record Restorable(Path file, Optional<BackupOrigin> origin, Map<BufferRef, List<BackupEntry>> buffers) {
        int entries() {
            return buffers.values().stream().mapToInt(List::size).sum();
        }
    }

    /**
     * Reads a backup or export whole and checks it names only buffers under the prefix: a file that cannot
     * be fully read, or names other keys, restores nothing.
     */
    Restorable readRestorable(Path file) {
        BackupFile.Contents contents = BackupFile.read(file);
        Map<BufferRef, List<BackupEntry>> byBuffer = new LinkedHashMap<>();
        for (BackupEntry entry : contents.entries()) {
            BufferRef ref = BufferRef.fromKey(schema, entry.key()).orElseThrow(() -> new BackupFile.Unreadable(
                    file + " names a key that is not a buffer under " + schema.prefix() + ": " + entry.keyText()
                            + "; nothing was restored"));
            byBuffer.computeIfAbsent(ref, k -> new ArrayList<>()).add(entry);
        }
        byBuffer.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(BackupEntry::index)));
        return new Restorable(file, contents.origin(), byBuffer);
    }

    /** For tests and fault drills: reads and restores {@code file} wherever it came from. */
    RestoreOutcome restore(Path file) {
        return restore(readRestorable(file));
    }

    /**
     * Puts every entry of a backup back where it was, atomically per buffer: entries taken from the head
     * (a clear, a drain, an export) go back at the head in their order; others (a removed entry) at their
     * index. Entries already there are skipped and counted, so restoring twice changes nothing the second
     * time. The TTL each buffer had is re-applied, never shortening a longer one.
     */
    RestoreOutcome restore(Restorable backup) {
        Path file = backup.file();
        redis.refuseIfReadOnly("restore from " + file.getFileName());
        if (isUnconfirmed(file)) {
            refuseIfStillThere(backup);
        }
        List<RestoreOutcome.Restored> restored = new ArrayList<>();
        for (Map.Entry<BufferRef, List<BackupEntry>> group : backup.buffers().entrySet()) {
            BufferRef ref = group.getKey();
            List<BackupEntry> list = group.getValue();
            byte[] key = ref.key(schema);
            String keyText = ref.keyText(schema);
            byte[] ttl = ascii(list.get(0).ttl().map(Duration::toMillis).orElse(-1L));
            long[] counts = new long[3]; // restored, skipped, length
            try {
                if (fromHead(list)) {
                    byte[][] args = new byte[list.size() + 1][];
                    args[0] = ttl;
                    for (int i = 0; i < list.size(); i++) {
                        args[i + 1] = list.get(i).raw().bytes();
                    }
                    List<Long> reply = script("restore " + keyText, RESTORE_HEAD, new byte[][] {key}, args);
                    counts = new long[] {reply.get(0), reply.get(1), reply.get(2)};
                } else {
                    for (BackupEntry entry : list) {
                        List<Long> reply = script("restore " + keyText, RESTORE_AT, new byte[][] {key}, ttl,
                                ascii(entry.index()), entry.raw().bytes(), tombstone());
                        counts = new long[] {counts[0] + reply.get(0), counts[1] + reply.get(1), reply.get(2)};
                    }
                }
            } catch (RedisFailure e) {
                auditRestore(file, ref, list.size(), null, null,
                        e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN ? "outcome unknown" : "failed: " + e.getMessage());
                throw e;
            }
            auditRestore(file, ref, (int) counts[0], counts[1], counts[2], "done");
            restored.add(new RestoreOutcome.Restored(ref, keyText, (int) counts[0], (int) counts[1], counts[2],
                    counts[2] > schema.cap()));
        }
        return new RestoreOutcome(restored);
    }

    /** Whether these entries were taken from the head: indices 0, 1, 2, ... */
    private static boolean fromHead(List<BackupEntry> sorted) {
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).index() != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * The backup of a removal whose reply was lost: if its entries are still the head of their buffer,
     * the removal did not happen and restoring would duplicate them.
     */
    private void refuseIfStillThere(Restorable backup) {
        for (Map.Entry<BufferRef, List<BackupEntry>> group : backup.buffers().entrySet()) {
            byte[] key = group.getKey().key(schema);
            List<BackupEntry> list = group.getValue();
            List<byte[]> head = redis.read(r -> r.lrange(key, 0, list.size() - 1));
            boolean same = head.size() == list.size();
            for (int i = 0; same && i < list.size(); i++) {
                same = java.util.Arrays.equals(head.get(i), list.get(i).raw().bytes());
            }
            if (same) {
                throw new BackupFile.Unreadable(backup.file().getFileName() + " is the backup of a removal whose reply was lost,"
                        + " and its entries are still at the head of " + group.getKey().keyText(schema)
                        + ": the removal did not happen, so restoring would duplicate them. Nothing was restored;"
                        + " the backup can be deleted.");
            }
        }
    }

    private void auditRestore(Path file, BufferRef ref, int entries, Long skipped, Long length, String outcome) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("restored", (long) entries);
        if (skipped != null) {
            counts.put("already_there", skipped);
        }
        if (length != null) {
            counts.put("length", length);
        }
        audit.record("restore", List.of(ref.keyText(schema)), counts, file, outcome);
    }

    /** The buffer's TTL now (empty: none), or throws when there is no buffer. */
    Optional<Duration> currentTtl(BufferRef ref) {
        byte[] key = ref.key(schema);
        Long pttl = redis.read(r -> r.pttl(key));
        if (pttl == -2) {
            throw new NoSuchBuffer("no buffer for session " + ref.session());
        }
        return SessionScan.ttlOf(pttl);
    }

    /** Sets, extends or removes a buffer's TTL; returns the TTL afterwards (empty: none). */
    Optional<Duration> setTtl(BufferRef ref, TtlChange change) {
        byte[] key = ref.key(schema);
        String action = "ttl " + ref.session();
        redis.refuseIfReadOnly(action);
        Optional<Duration> before = currentTtl(ref);
        if (change instanceof TtlChange.Persist) {
            write(action, r -> r.persist(key));
        } else {
            long millis;
            if (change instanceof TtlChange.Set set) {
                millis = set.ttl().toMillis();
            } else {
                millis = before.map(Duration::toMillis).orElse(0L) + ((TtlChange.Extend) change).by().toMillis();
            }
            if (millis < 1) {
                throw new IllegalArgumentException("a TTL must be positive; use persist to remove it");
            }
            // only if the key still exists: a TTL set on a key that vanished would not create it, but say so
            boolean set = write(action, r -> r.pexpire(key, millis));
            if (!set) {
                throw new NoSuchBuffer("no buffer for session " + ref.session() + " (it was drained or expired)");
            }
        }
        Optional<Duration> after = SessionScan.ttlOf(redis.read(r -> r.pttl(key)));
        record("ttl", ref, Map.of("ttl_ms_before", before.map(Duration::toMillis).orElse(-1L),
                "ttl_ms", after.map(Duration::toMillis).orElse(-1L)), null, "done");
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
        return export(sessionGlob, out, false, progress, cancelled);
    }

    /** As above; {@code replace} lets the file replace one of the same name (never the default). */
    public ExportOutcome export(String sessionGlob, Path out, boolean replace,
                                java.util.function.BiConsumer<Integer, Integer> progress,
                                java.util.function.BooleanSupplier cancelled) {
        BackupFile.checkWritable(out, replace);
        List<BufferSummary> found = scan().all(SessionScan.Options.ALL.withGlob(sessionGlob).withoutEntryCheck());
        try (BackupFile.Streaming file = BackupFile.open(out, this::sessionOf, origin(), replace)) {
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
        counters.sort(java.util.Comparator.comparing(RateLimitCounter::user));
        return counters;
    }

    /** A user's counter now, if there is one. */
    Optional<RateLimitCounter> rateLimit(String user) {
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

    /** Deletes a user's counter, lifting the limit at once; returns whether there was one. */
    boolean resetRateLimit(String user) {
        byte[] key = rateLimitKey(user);
        boolean existed = write("reset the rate limit of " + user, r -> r.del(key)) > 0;
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
        return BackupFile.write(unconfirmed(backupPath(action, seen.ref())), entriesOf(seen), this::sessionOf, origin());
    }

    private static final String UNCONFIRMED = ".unconfirmed.jsonl";
    /** Made when first used: starting SLF4J was 40 ms of the start of every command, most of which log nothing. */
    private static final class Log {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Operations.class);
    }

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
            Log.LOG.warn("could not rename the confirmed backup {}: {}", file, e.getMessage());
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

    /*
     * Every write of this class goes out through these two, which make the audit log's folder first: a write
     * whose audit line could not be written must not run (the folder used to be made when the log was
     * opened, which left an empty folder behind every read).
     */
    private List<Long> script(String action, dev.pendingconsole.redis.LuaScript script, byte[][] keys, byte[]... args) {
        audit.prepare();
        return redis.script(action, script, keys, args);
    }

    private <T> T write(String action, java.util.function.Function<dev.pendingconsole.redis.Commands, T> call) {
        audit.prepare();
        return redis.write(action, call);
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

    private static byte[] tombstone() {
        return ("pending-console:tombstone:" + HexFormat.of().formatHex(randomBytes())).getBytes(StandardCharsets.UTF_8);
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
