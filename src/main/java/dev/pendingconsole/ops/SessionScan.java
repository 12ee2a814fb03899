package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.RedisGateway;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Finds every buffer under the schema's prefix with SCAN and a cursor (never KEYS), on a standalone
 * server or every master of a cluster, and classifies each key: a buffer is a key shaped like one
 * (plain or hash-tag layout) whose type is {@code list}; anything else under the prefix is an
 * {@link OtherKey}. Each SCAN batch is enriched in one pipelined round trip (type, TTL, length, turn
 * metadata and the first {@code cap} entries), never one round trip per key. Results stream out page by
 * page with progress; the scan stops between batches when cancelled.
 */
public final class SessionScan {

    private static final byte[][] META_FIELDS = {
            bytes("status"), bytes("user_id"), bytes("turn_id"), bytes("created_at"), bytes("tool_name")};

    /**
     * What to scan. {@code sessionGlob} (Redis glob syntax, null for all) filters session ids;
     * {@code checkEntries} reads the first {@code cap} entries of each buffer to find unreadable ones.
     */
    public record Options(String sessionGlob, boolean checkEntries, int batchSize, StuckRules rules) {
        public static final Options ALL = new Options(null, true, 1_000, StuckRules.DEFAULT);

        public Options withGlob(String glob) {
            return new Options(glob, checkEntries, batchSize, rules);
        }

        public Options withRules(StuckRules newRules) {
            return new Options(sessionGlob, checkEntries, batchSize, newRules);
        }

        public Options withoutEntryCheck() {
            return new Options(sessionGlob, false, batchSize, rules);
        }
    }

    /** How far the scan is: keys seen, the key count of the server(s) as an estimate, what was found. */
    public record Progress(long scanned, long estimate, long buffers, long others, boolean done, boolean cancelled) {
    }

    /** One SCAN batch's findings. */
    public record Page(List<BufferSummary> buffers, List<OtherKey> others, Progress progress) {
    }

    private final RedisGateway redis;
    private final KeySchema schema;
    private final MessageCodec codec;

    public SessionScan(RedisGateway redis, KeySchema schema) {
        this.redis = redis;
        this.schema = schema;
        this.codec = schema.codec();
    }

    /** Runs the whole scan, handing each page to {@code onPage} on the calling thread. */
    public Progress run(Options options, Consumer<Page> onPage, BooleanSupplier cancelled) {
        long estimate = redis.read(r -> r.dbsize());
        ScanArgs args = ScanArgs.Builder.matches(Glob.escape(schema.prefix()) + "*").limit(options.batchSize());
        long scanned = 0;
        long buffers = 0;
        long others = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        while (true) {
            if (cancelled.getAsBoolean()) {
                Progress progress = new Progress(scanned, estimate, buffers, others, false, true);
                onPage.accept(new Page(List.of(), List.of(), progress));
                return progress;
            }
            ScanCursor from = cursor;
            KeyScanCursor<byte[]> batch = redis.read(r -> r.scan(from, args));
            cursor = batch;
            scanned += batch.getKeys().size();
            Page page = enrich(batch.getKeys(), options);
            buffers += page.buffers().size();
            others += page.others().size();
            boolean done = batch.isFinished();
            Progress progress = new Progress(scanned, Math.max(estimate, scanned), buffers, others, done, false);
            onPage.accept(new Page(page.buffers(), page.others(), progress));
            if (done) {
                return progress;
            }
        }
    }

    /** Summarises the given keys now, as a scan would (for live updates of single buffers). */
    public Page lookup(List<byte[]> keys, Options options) {
        return enrich(keys, options);
    }

    /** Runs the whole scan and returns every buffer found. */
    public List<BufferSummary> all(Options options) {
        List<BufferSummary> all = new ArrayList<>();
        run(options, page -> all.addAll(page.buffers()), () -> false);
        return all;
    }

    private record Pending(byte[] key, Optional<BufferRef> ref, RedisFuture<String> type, RedisFuture<Long> pttl,
                           RedisFuture<Long> llen, RedisFuture<List<KeyValue<byte[], byte[]>>> meta,
                           RedisFuture<List<byte[]>> head) {
    }

    private Page enrich(List<byte[]> keys, Options options) {
        List<Pending> pending = redis.pipelined(async -> {
            List<Pending> out = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                Optional<BufferRef> ref = BufferRef.fromKey(schema, key);
                if (ref.isPresent() && options.sessionGlob() != null
                        && !Glob.matches(options.sessionGlob(), ref.get().session().text())) {
                    continue;
                }
                RedisFuture<String> type = async.type(key);
                RedisFuture<Long> pttl = async.pttl(key);
                RedisFuture<Long> llen = null;
                RedisFuture<List<KeyValue<byte[], byte[]>>> meta = null;
                RedisFuture<List<byte[]>> head = null;
                if (ref.isPresent()) {
                    llen = async.llen(key);
                    meta = async.hmget(schema.metaKey(ref.get().session()), META_FIELDS);
                    if (options.checkEntries()) {
                        head = async.lrange(key, 0, schema.cap() - 1);
                    }
                }
                out.add(new Pending(key, ref, type, pttl, llen, meta, head));
            }
            return out;
        });
        List<BufferSummary> buffers = new ArrayList<>();
        List<OtherKey> others = new ArrayList<>();
        for (Pending p : pending) {
            String type = await(p.type());
            if (type == null || type.equals("none")) {
                continue; // deleted since SCAN returned it
            }
            Optional<Duration> ttl = ttlOf(await(p.pttl()));
            if (p.ref().isEmpty() || !type.equals("list")) {
                others.add(new OtherKey(p.key(), type, ttl));
                continue;
            }
            long length = awaitOr(p.llen(), 0L);
            Optional<TurnStatus> turn = turnOf(awaitOr(p.meta(), List.of()));
            int unreadable = 0;
            if (p.head() != null) {
                for (byte[] entry : awaitOr(p.head(), List.<byte[]>of())) {
                    if (codec.decode(entry) instanceof BufferEntry.Invalid) {
                        unreadable++;
                    }
                }
            }
            buffers.add(new BufferSummary(p.ref().get(), length, ttl, StuckRules.lastPushAge(schema, ttl), turn,
                    unreadable, options.rules().reasons(schema, length, ttl, turn, unreadable)));
        }
        return new Page(buffers, others, null);
    }

    static Optional<Duration> ttlOf(Long pttl) {
        return pttl == null || pttl < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(pttl));
    }

    static Optional<TurnStatus> turnOf(List<KeyValue<byte[], byte[]>> values) {
        String[] v = new String[META_FIELDS.length];
        boolean any = false;
        for (int i = 0; i < values.size() && i < v.length; i++) {
            KeyValue<byte[], byte[]> kv = values.get(i);
            if (kv.hasValue()) {
                v[i] = new String(kv.getValue(), StandardCharsets.UTF_8);
                any = true;
            }
        }
        return any ? Optional.of(new TurnStatus(v[0], v[1], v[2], v[3], v[4])) : Optional.empty();
    }

    static byte[][] metaFields() {
        return META_FIELDS.clone();
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(redis.target().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw redis.failure(e);
        } catch (ExecutionException | TimeoutException e) {
            throw redis.failure(e);
        }
    }

    /** A reply that may legitimately fail (WRONGTYPE on a key that changed type) gives {@code fallback}. */
    private <T> T awaitOr(RedisFuture<T> future, T fallback) {
        if (future == null) {
            return fallback;
        }
        try {
            return await(future);
        } catch (dev.pendingconsole.core.RedisFailure e) {
            if (e.kind() == dev.pendingconsole.core.RedisFailure.Kind.WRONG_TYPE) {
                return fallback;
            }
            throw e;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
