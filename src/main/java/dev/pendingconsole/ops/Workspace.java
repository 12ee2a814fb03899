package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.BufferPage;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import dev.pendingconsole.local.AuditLog;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.local.ProductionServers;

/**
 * The one entry point the CLI and the console use for Redis: reads directly, and every write through one
 * door. A write is first a {@link WritePlan} (exact target by identity, what it adds, removes or evicts,
 * a preview), then {@link #execute} asks the {@link Confirmer} when the rule says so, and only then the
 * write runs: backup, atomic conditional execution, audit line, and a result that leads to an Undo where
 * one exists. Planning reads Redis; nothing is written before execute. Whether the connection is
 * production belongs to the workspace, so the rule cannot be skipped by a caller. Thread-safe; never call
 * it on the JavaFX application thread.
 */
public final class Workspace implements AutoCloseable {

    /** The most entries one read returns: a list may be huge and is never read whole. */
    public static final int MAX_PAGE = PendingBuffers.MAX_PAGE;

    private static final int PREVIEW_LINES = 12;

    private final Operations ops;
    private final boolean production;
    private volatile dev.pendingconsole.core.BackendChoice backend = dev.pendingconsole.core.BackendChoice.AUTO;
    private volatile dev.pendingconsole.core.BackendGeneration detected;

    public Workspace(Operations ops, boolean production) {
        this.ops = ops;
        this.production = production;
    }

    /**
     * Connects to {@code target}; production when {@code production} says so or the server was marked
     * production before (see {@link ProductionServers}).
     */
    public static Workspace open(RedisTarget target, KeySchema schema, DataDir data, ConfigDir config, String profile,
                                 boolean production) {
        ProductionServers marked = new ProductionServers(config);
        RedisGateway gateway = RedisGateway.open(target);
        try {
            if (production) {
                marked.mark(target);
            }
            Operations ops = new Operations(gateway, schema, data, StuckRules.DEFAULT, profile);
            return new Workspace(ops, production || marked.isMarked(target));
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------ the connection

    public boolean isProduction() {
        return production;
    }

    public boolean isReadOnly() {
        return ops.isReadOnly();
    }

    /** Why writes are refused here, or null. */
    public String readOnlyReason() {
        return ops.redis().readOnlyReason();
    }

    /** Finds out, without writing, whether the user may write; see {@link Operations#probeWrites()}. */
    public Optional<String> probeWrites() {
        return ops.probeWrites();
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
    public Workspace useBackend(dev.pendingconsole.core.BackendChoice choice) {
        this.backend = java.util.Objects.requireNonNull(choice, "choice");
        return this;
    }

    public dev.pendingconsole.core.BackendChoice backend() {
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
    public dev.pendingconsole.core.BackendGeneration detectedGeneration() {
        dev.pendingconsole.core.BackendGeneration known = detected;
        if (known == null) {
            KeySchema schema = ops.schema();
            boolean current = isCluster() || anyKey(Glob.escape(schema.prefix()) + "{*}")
                    || anyKey(Glob.escape(schema.metaPrefix()) + "{*}");
            known = current ? dev.pendingconsole.core.BackendGeneration.CURRENT
                    : dev.pendingconsole.core.BackendGeneration.of(schema.layout());
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
    public BufferRef locate(SessionId session, Optional<dev.pendingconsole.core.BackendGeneration> backend) {
        if (backend.isPresent()) {
            return new BufferRef(session, backend.get().layout());
        }
        BufferRef plain = new BufferRef(session, dev.pendingconsole.core.KeyLayout.PLAIN);
        BufferRef tagged = new BufferRef(session, dev.pendingconsole.core.KeyLayout.HASH_TAG);
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
        return new BufferRef(session, detectedGeneration().layout());
    }

    public Inspection inspect(BufferRef ref, long offset, int limit) {
        return onBuffer(ref, () -> ops.inspect(ref, offset, limit));
    }

    /**
     * Runs a read of {@code ref}; a key of another type under the buffer's name (WRONGTYPE) becomes a
     * failure that names the key and its type, not the server's bare error.
     */
    private <T> T onBuffer(BufferRef ref, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (dev.pendingconsole.core.RedisFailure e) {
            if (e.kind() != dev.pendingconsole.core.RedisFailure.Kind.WRONG_TYPE) {
                throw e;
            }
            byte[] key = ref.key(ops.schema());
            String type = ops.redis().read(r -> r.type(key));
            throw new dev.pendingconsole.core.RedisFailure(e.kind(), ref.keyText(ops.schema()) + " is a " + type
                    + ", not a list: it is not a pending buffer (the backend's own push and drain fail on it too);"
                    + " nothing was changed", e);
        }
    }

    /** The turn hash, persist queue and idempotency claims of a buffer's session; see {@link SupportView}. */
    public SupportView support(BufferRef ref) {
        KeySchema schema = ops.schema();
        RedisGateway redis = ops.redis();
        byte[] meta = ref.metaKey(schema);
        java.util.Map<String, String> turn = redis.read(r -> r.hgetall(meta));
        byte[] persistKey = ref.generation().persistKey(schema, ref.session());
        long persistLength = redis.read(r -> r.llen(persistKey));
        List<BufferEntry> persistHead = new ArrayList<>();
        for (byte[] raw : redis.read(r -> r.lrange(persistKey, 0, 9))) {
            persistHead.add(ref.generation().codec(schema).decode(raw));
        }
        Optional<Duration> persistTtl = SessionScan.ttlOf(redis.read(r -> r.pttl(persistKey)));
        String claimPrefix = new String(ref.generation().claimPrefix(schema, ref.session()), java.nio.charset.StandardCharsets.UTF_8);
        List<SupportView.Claim> claims = new ArrayList<>();
        // claims are today's backend's; finding them walks the whole keyspace (their message ids are known
        // nowhere else), which a seed buffer, which has none, is spared
        if (ref.generation() == dev.pendingconsole.core.BackendGeneration.CURRENT) redis.scanKeys(Glob.escape(claimPrefix) + "*", 1_000, keys -> {
            for (byte[] key : keys) {
                byte[] value = redis.read(r -> r.get(key));
                if (value != null) {
                    String id = new String(key, java.nio.charset.StandardCharsets.UTF_8).substring(claimPrefix.length());
                    claims.add(new SupportView.Claim(id, new String(value, java.nio.charset.StandardCharsets.UTF_8),
                            SessionScan.ttlOf(redis.read(r -> r.pttl(key)))));
                }
            }
        });
        claims.sort(java.util.Comparator.comparing(SupportView.Claim::messageId));
        return new SupportView(new String(meta, java.nio.charset.StandardCharsets.UTF_8), turn,
                new SupportView.PersistQueue(new String(persistKey, java.nio.charset.StandardCharsets.UTF_8), persistLength,
                        persistTtl, persistHead), claims);
    }

    /** The buffer's length; 0 when it does not exist. */
    public long count(BufferRef ref) {
        return onBuffer(ref, () -> ops.buffers(ref).count(ref.session()));
    }

    public List<RateLimitCounter> rateLimits() {
        return ops.rateLimits();
    }

    /** Writes matching buffers to a new file ({@code replace}: may replace one). Reads Redis only. */
    public ExportOutcome export(String sessionGlob, Path out, boolean replace,
                                java.util.function.BiConsumer<Integer, Integer> progress, BooleanSupplier cancelled) {
        return ops.export(sessionGlob, out, replace, progress, cancelled);
    }

    /** Follows pushes; events arrive on a background thread. */
    public LiveFeed follow(Consumer<LiveFeed.PushEvent> events, Duration pollEvery) {
        return LiveFeed.start(ops.redis(), ops.schema(), events, pollEvery);
    }

    // ------------------------------------------------------------------ the door

    /**
     * Runs a plan: refused on a read-only connection; asks {@code confirmer} when
     * {@link WritePlan#needsConfirmation} says so (a "no" throws {@link WriteRefused} and changes nothing);
     * then the write itself, which backs up, executes conditionally and audits.
     */
    public <R> R execute(WritePlan<R> plan, Confirmer confirmer) {
        ops.redis().refuseIfReadOnly(plan.kind().label() + " " + plan.confirmText());
        if (plan.needsConfirmation(production) && !confirmer.confirm(plan, production)) {
            throw new WriteRefused("cancelled: nothing was changed", true);
        }
        return plan.run();
    }

    // ------------------------------------------------------------------ plans

    /**
     * Pushing {@code message} {@code times} times, {@code everyMillis} apart, with the backend's script
     * and notify. Evicts the oldest entries when the buffer is (or becomes) full: the plan lists them, backs
     * them up first, and each push lands only if the buffer is still as planned. {@code stop} ends a
     * repeat early; {@code progress} hears how many pushes landed.
     */
    public WritePlan<PushOutcome> planPush(BufferRef ref, PendingMessage message, int times, long everyMillis,
                                           BooleanSupplier stop, IntConsumer progress) {
        return planPush(ref, message, times, everyMillis, false, stop, progress);
    }

    /**
     * As above; with {@code onlyIfRunning}, each push lands only while the session's turn is running, as
     * today's HTTP route pushes (one script over the meta hash and the buffer), else
     * {@link PushOutcome.Status#NO_RUNNING_TURN}. The payload is the buffer's generation's: today's gets a
     * fresh id and enqueued_at for every push.
     */
    public WritePlan<PushOutcome> planPush(BufferRef ref, PendingMessage message, int times, long everyMillis,
                                           boolean onlyIfRunning, BooleanSupplier stop, IntConsumer progress) {
        if (times < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, was " + times);
        }
        dev.pendingconsole.core.BackendGeneration generation = ref.generation();
        byte[] payload = generation.encode(generation.check(message), java.time.Instant.now());
        long length = count(ref);
        int cap = ops.schema().cap();
        int evicts = (int) Math.min(length, Math.max(0, length + times - cap));
        List<BufferEntry> evicted = head(ref, evicts);
        List<String> details = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long bytes = describe(evicted, 0, details);
        long after = Math.min(cap, length + times); // each push trims to the cap, an over-cap list included
        String what = (times == 1 ? "Push 1 message (" + payload.length + " bytes)" : "Push " + times + " messages ("
                + payload.length + " bytes each" + (everyMillis > 0 ? ", one every " + everyMillis + " ms" : "") + ")") + " to "
                + ref.keyText(ops.schema()) + " (" + generation.label() + " backend)" + (onlyIfRunning ? ", only while its"
                + " turn is running" : "") + "; " + length + "/" + cap + " pending now, " + after + " after";
        if (evicts > 0) {
            warnings.add("the buffer is full: this evicts the oldest " + entries(evicts)
                    + " (listed above, backed up first)");
        }
        if (times > cap) {
            warnings.add((times - cap) + " of the pushed messages will themselves be evicted by later ones");
        }
        List<RawPayload> evictable = evicted.stream().map(BufferEntry::raw).toList();
        return new WritePlan<>(WritePlan.Kind.PUSH, List.of(ref), ref.session().text(), what, details, warnings, times,
                evicts, bytes, evicts > 0, false, false,
                () -> ops.push(ref, firstThen(payload, () -> generation.encode(message, java.time.Instant.now())),
                        onlyIfRunning, times, everyMillis, length, evictable, stop, progress));
    }

    /** {@code first} once (the bytes the plan showed), then fresh ones. */
    private static java.util.function.Supplier<byte[]> firstThen(byte[] first, java.util.function.Supplier<byte[]> next) {
        java.util.concurrent.atomic.AtomicBoolean used = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> used.compareAndSet(false, true) ? first : next.get();
    }

    /**
     * Taking back a console push: removes the messages it pushed if they are still the last entries, then
     * restores what it evicted from the backup.
     */
    public WritePlan<ClearOutcome> planUndoPush(PushOutcome pushed) {
        BufferRef ref = pushed.ref();
        List<byte[]> landed = pushed.payloads();
        List<byte[]> payloads = landed.subList(Math.max(0, landed.size() - ops.schema().cap()), landed.size());
        String what = "Undo the push to " + ref.keyText(ops.schema()) + ": remove the " + entries(payloads.size())
                + " it added, if still last" + (pushed.backup().isPresent()
                ? ", and restore the " + entries((int) pushed.evicted()) + " it evicted" : "");
        return new WritePlan<>(WritePlan.Kind.UNDO_PUSH, List.of(ref), ref.session().text(), what, List.of(), List.of(),
                (int) pushed.evicted(), payloads.size(), 0, true, false, true, () -> {
                    ClearOutcome removed = ops.removeTail(ref, payloads);
                    if (removed.status() == ClearOutcome.Status.CLEARED && pushed.backup().isPresent()) {
                        ops.restore(ops.readRestorable(pushed.backup().get()));
                    }
                    return removed;
                });
    }

    /**
     * Draining what the backend's executor would: the first {@code cap} entries, as they are now, removed
     * only if still the head. With {@code out}, they go to that new file first (which must not exist); a
     * backup is written as well, always with {@code out}, otherwise unless {@code backup} is false.
     */
    public WritePlan<DrainOutcome> planDrain(BufferRef ref, Path out, boolean backup) {
        if (out != null) {
            BackupFile.checkWritable(out, false);
        }
        Inspection seen = ops.inspect(ref, 0, ops.schema().cap());
        List<String> details = new ArrayList<>();
        long bytes = describe(seen.page().entries(), 0, details);
        int n = seen.page().entries().size();
        String what = "Drain " + entries(n) + " (" + bytes + " bytes) of " + ref.keyText(ops.schema())
                + (out == null ? "" : " to " + out) + ": the first " + ops.schema().cap() + ", as the backend does; "
                + (seen.page().length() - n) + " stay";
        List<String> warnings = out == null && !backup ? List.of("no backup: once drained, these entries exist only in this output")
                : List.of();
        if (out == null) {
            return new WritePlan<>(WritePlan.Kind.DRAIN, List.of(ref), ref.session().text(), what, details, warnings, 0, n,
                    bytes, n > 0, false, false, () -> ops.drainHead(seen, backup));
        }
        return new WritePlan<>(WritePlan.Kind.DRAIN_TO_FILE, List.of(ref), ref.session().text(), what, details, warnings,
                0, n, bytes, n > 0, false, false, () -> {
                    ClearOutcome done = ops.drainToFile(seen, out);
                    return new DrainOutcome(ref, done.status(), new dev.pendingconsole.core.DrainResult(
                            done.status() == ClearOutcome.Status.CLEARED ? seen.page().entries() : List.of()),
                            done.backup(), done.remaining());
                });
    }

    /** Clearing exactly the entries {@code seen} showed (from the head), if they are still there. */
    public WritePlan<ClearOutcome> planClear(Inspection seen, boolean backup) {
        if (!seen.showsHead()) {
            throw new IllegalArgumentException("a clear acts on the head of a buffer; the page shown starts at "
                    + seen.page().offset());
        }
        BufferRef ref = seen.ref();
        List<String> details = new ArrayList<>();
        long bytes = describe(seen.page().entries(), 0, details);
        int n = seen.page().entries().size();
        long left = seen.page().length() - n;
        String what = "Clear " + entries(n) + " (" + bytes + " bytes) of " + ref.keyText(ops.schema()) + "; " + left
                + (left == 1 ? " stays" : " stay") + (backup ? "" : "; NO backup");
        return new WritePlan<>(WritePlan.Kind.CLEAR, List.of(ref), ref.session().text(), what, details, List.of(), 0, n,
                bytes, n > 0, false, false, () -> ops.clear(seen, backup));
    }

    /**
     * Clearing many buffers as chosen from a scan (a filter, a multi-selection): each is read again now,
     * and one whose length differs from what the scan saw is skipped, and said so; the rest are cleared as
     * {@link #planClear} clears one (exactly what is read now, only if still the head), with one backup file
     * and one confirmation (on production, the number of buffers is typed). Undo restores the backup.
     */
    public WritePlan<BulkClearOutcome> planClearMany(List<BufferSummary> chosen, boolean backup) {
        List<Inspection> seen = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        int entries = 0;
        long bytes = 0;
        for (BufferSummary b : chosen) {
            Inspection now = inspect(b.ref(), 0, MAX_PAGE);
            if (now.page().length() != b.length()) {
                changed.add(b.session().text());
                continue;
            }
            if (now.page().entries().isEmpty()) {
                continue;
            }
            seen.add(now);
            long size = now.raws().stream().mapToLong(r -> r.bytes().length).sum();
            entries += now.page().entries().size();
            bytes += size;
            if (details.size() < 20) {
                details.add(now.ref().keyText(ops.schema()) + ": " + entries(now.page().entries().size())
                        + " (" + size + " bytes)" + (now.page().length() > now.page().entries().size()
                        ? ", " + (now.page().length() - now.page().entries().size()) + " beyond the first page stay" : ""));
            }
        }
        if (seen.size() > details.size()) {
            details.add("... and " + (seen.size() - details.size()) + " more buffers");
        }
        List<String> warnings = new ArrayList<>();
        if (!changed.isEmpty()) {
            warnings.add(count(changed.size(), "buffer changed", "buffers changed")
                    + " since the scan and will be skipped: " + String.join(", ", changed.subList(0, Math.min(5, changed.size())))
                    + (changed.size() > 5 ? ", ..." : ""));
        }
        String what = "Clear " + count(seen.size(), "buffer", "buffers") + ", " + entries(entries) + ", "
                + size(bytes) + (backup ? "" : "; NO backup");
        List<BufferRef> refs = seen.stream().map(Inspection::ref).toList();
        return new WritePlan<>(WritePlan.Kind.CLEAR_MANY, refs, Integer.toString(seen.size()), what, details, warnings, 0,
                entries, bytes, entries > 0, false, false, () -> ops.clearMany(seen, backup));
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
            case "string" -> out.append(new String(redis.read(r -> r.getrange(key, 0, 1_999)), java.nio.charset.StandardCharsets.UTF_8));
            case "hash" -> {
                long fields = redis.read(r -> r.hlen(key));
                if (fields > 200) {
                    out.append(fields).append(" fields; not shown here");
                } else {
                    redis.read(r -> r.hgetall(key)).forEach((f, v) -> out.append(f).append(" = ").append(v).append('\n'));
                }
            }
            case "list" -> redis.read(r -> r.lrange(key, 0, 9))
                    .forEach(v -> out.append(new String(v, java.nio.charset.StandardCharsets.UTF_8)).append('\n'));
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
        redis.scanKeys(Glob.escape(dev.pendingconsole.core.BackendGeneration.persistPrefix(ops.schema())) + "*", 1_000, keys -> {
            if (keys.isEmpty()) {
                return;
            }
            List<dev.pendingconsole.redis.Reply<Long>> lengths = redis.batch(p -> keys.stream().map(p::llen).toList());
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
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1e3);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** Removing the entry at {@code index}, if it still holds {@code expected}. */
    public WritePlan<RemoveOutcome> planRemove(BufferRef ref, long index, RawPayload expected, boolean backup) {
        List<String> details = new ArrayList<>();
        describe(List.of(ref.generation().codec(ops.schema()).decode(expected.bytes())), index, details);
        String what = "Remove entry " + index + " (" + expected.bytes().length + " bytes) of " + ref.keyText(ops.schema())
                + (backup ? "" : "; NO backup");
        return new WritePlan<>(WritePlan.Kind.REMOVE, List.of(ref), ref.session().text(), what, details, List.of(), 0, 1,
                expected.bytes().length, true, false, false, () -> ops.removeEntry(ref, index, expected, backup));
    }

    /**
     * Restoring a backup or export: each buffer's entries go back where they were, those already there are
     * skipped. A file taken on another server (or one that does not say where) is refused unless
     * {@code toAnotherServer}; then the plan carries a warning and always asks.
     */
    public WritePlan<RestoreOutcome> planRestore(Path file, boolean toAnotherServer) {
        return planRestore(file, toAnotherServer, false);
    }

    /** Undo of a clear, a remove or a drain: restoring its backup, which this console just wrote. */
    public WritePlan<RestoreOutcome> planUndo(Path backup) {
        return planRestore(backup, false, true);
    }

    private WritePlan<RestoreOutcome> planRestore(Path file, boolean toAnotherServer, boolean undo) {
        Operations.Restorable backup = ops.readRestorable(file);
        BackupOrigin here = ops.origin();
        List<String> warnings = new ArrayList<>();
        boolean elsewhere = backup.origin().map(o -> !o.sameServerAs(here)).orElse(true);
        if (elsewhere) {
            String from = backup.origin().map(o -> "was taken on " + o.describe())
                    .orElse("does not say which server it was taken on");
            if (!toAnotherServer) {
                throw new WriteRefused(file.getFileName() + " " + from + ", not on this server, " + here.describe()
                        + " (or the server was restarted since). Nothing was restored; to restore it here anyway, say so"
                        + " (CLI: --to-another-server)", false);
            }
            warnings.add("this file " + from + ", not on this server " + here.describe());
        }
        List<String> details = new ArrayList<>();
        int adds = 0;
        for (Map.Entry<BufferRef, List<BackupEntry>> group : backup.buffers().entrySet()) {
            int there = alreadyThere(group.getKey(), group.getValue());
            adds += group.getValue().size() - there;
            details.add(group.getKey().keyText(ops.schema()) + ": " + entries(group.getValue().size())
                    + (there > 0 ? ", " + there + " already there (skipped)" : "")
                    + ", TTL " + ttlText(group.getValue().get(0).ttl()));
        }
        List<BufferRef> targets = List.copyOf(backup.buffers().keySet());
        String confirm = targets.size() == 1 ? targets.get(0).session().text() : Integer.toString(backup.entries());
        String what = (undo ? "Undo: restore " : "Restore ") + entries(backup.entries()) + " into "
                + (targets.size() == 1 ? targets.get(0).keyText(ops.schema()) : targets.size() + " buffers")
                + " from " + file.getFileName();
        return new WritePlan<>(WritePlan.Kind.RESTORE, targets, confirm, what, cut(details), warnings, adds, 0, 0,
                false, true, undo && !elsewhere, () -> ops.restore(backup));
    }

    /** How many of a backup's entries for one buffer are already where a restore would put them. */
    private int alreadyThere(BufferRef ref, List<BackupEntry> entries) {
        byte[] key = ref.key(ops.schema());
        RedisGateway redis = ops.redis();
        boolean head = true;
        for (int i = 0; i < entries.size(); i++) {
            head &= entries.get(i).index() == i;
        }
        if (head) {
            List<byte[]> now = redis.read(r -> r.lrange(key, 0, entries.size() - 1));
            boolean same = now.size() == entries.size();
            for (int i = 0; same && i < entries.size(); i++) {
                same = java.util.Arrays.equals(now.get(i), entries.get(i).raw().bytes());
            }
            return same ? entries.size() : 0;
        }
        int there = 0;
        for (BackupEntry e : entries) {
            byte[] at = redis.read(r -> r.lindex(key, e.index()));
            there += at != null && java.util.Arrays.equals(at, e.raw().bytes()) ? 1 : 0;
        }
        return there;
    }

    /** Setting, extending or removing a buffer's TTL; the result holds the TTL before, for an Undo. */
    public WritePlan<TtlOutcome> planTtl(BufferRef ref, TtlChange change) {
        return planTtl(ref, change, false);
    }

    /** Undo of a TTL change: the TTL it had before ({@code empty}: none). */
    public WritePlan<TtlOutcome> planUndoTtl(BufferRef ref, Optional<Duration> before) {
        return planTtl(ref, before.<TtlChange>map(TtlChange.Set::new).orElse(new TtlChange.Persist()), true);
    }

    private WritePlan<TtlOutcome> planTtl(BufferRef ref, TtlChange change, boolean undo) {
        Optional<Duration> before = ops.currentTtl(ref);
        String to;
        if (change instanceof TtlChange.Set set) {
            to = Durations.compact(set.ttl());
        } else if (change instanceof TtlChange.Extend extend) {
            to = Durations.compact(before.orElse(Duration.ZERO).plus(extend.by()));
        } else {
            to = "none (it will never expire)";
        }
        String what = (undo ? "Undo: set" : "Set") + " the TTL of " + ref.keyText(ops.schema()) + " from "
                + ttlText(before) + " to " + to;
        return new WritePlan<>(WritePlan.Kind.TTL, List.of(ref), ref.session().text(), what, List.of(), List.of(), 0, 0, 0,
                true, false, undo, () -> new TtlOutcome(ref, before, ops.setTtl(ref, change)));
    }

    /** Deleting a user's push counter, which lifts the rate limit at once. No Undo: it expires within 60 s. */
    public WritePlan<Boolean> planResetLimit(String user) {
        Optional<RateLimitCounter> now = ops.rateLimit(user);
        String what = now.map(c -> "Reset the push counter of " + user + " (" + c.count() + "/" + RateLimitCounter.LIMIT
                + ", window " + ttlText(c.windowLeft()) + " left): the limit lifts now")
                .orElse(user + " has no push counter: nothing to reset");
        return new WritePlan<>(WritePlan.Kind.RESET_LIMIT, List.of(), user, what, List.of(), List.of(), 0, 0, 0,
                now.isPresent(), false, false, () -> ops.resetRateLimit(user));
    }

    // ------------------------------------------------------------------ previews

    /** The first {@code n} entries, read a page at a time (a list may be huge). */
    private List<BufferEntry> head(BufferRef ref, int n) {
        List<BufferEntry> out = new ArrayList<>(n);
        while (out.size() < n) {
            BufferPage page = ops.buffers(ref).peek(ref.session(), out.size(),
                    Math.min(PendingBuffers.MAX_PAGE, n - out.size()));
            if (page.entries().isEmpty()) {
                break;
            }
            out.addAll(page.entries());
        }
        return out;
    }

    /** One line per entry (at most {@value #PREVIEW_LINES}) into {@code lines}; returns their bytes. */
    private static long describe(List<BufferEntry> entries, long firstIndex, List<String> lines) {
        long bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            BufferEntry e = entries.get(i);
            bytes += e.raw().bytes().length;
            if (i < PREVIEW_LINES) {
                String text = e instanceof BufferEntry.Valid v ? "\"" + oneLine(v.message().content()) + "\""
                        : "unreadable: " + ((BufferEntry.Invalid) e).reason();
                lines.add("[" + (firstIndex + i) + "] " + text + " (" + e.raw().bytes().length + " bytes)");
            }
        }
        if (entries.size() > PREVIEW_LINES) {
            lines.add("\u2026 and " + entries(entries.size() - PREVIEW_LINES) + " more");
        }
        return bytes;
    }

    private static List<String> cut(List<String> lines) {
        if (lines.size() <= PREVIEW_LINES) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, PREVIEW_LINES));
        out.add("\u2026 and " + (lines.size() - PREVIEW_LINES) + " more buffers");
        return out;
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 60 ? flat.substring(0, 59) + "\u2026" : flat;
    }

    private static String ttlText(Optional<Duration> ttl) {
        return ttl.map(Durations::compact).orElse("none");
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
