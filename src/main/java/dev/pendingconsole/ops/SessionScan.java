package dev.pendingconsole.ops;

import dev.pendingconsole.core.BackendGeneration;
import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.Glance;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.local.TtlMarks;
import dev.pendingconsole.redis.KeyScan;
import dev.pendingconsole.redis.Pipeline;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.redis.Reply;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final int FIRST_BATCH = 10;

    private static final byte[][] META_FIELDS = {
            bytes("status"), bytes("user_id"), bytes("turn_id"), bytes("created_at"), bytes("tool_name")};

    /**
     * What to scan. {@code sessionGlob} (Redis glob syntax, null for all) filters session ids;
     * {@code checkEntries} reads the first {@code cap} entries of each buffer to find unreadable ones;
     * {@code grep} (null for none) keeps only buffers with an entry among those that matches, and says which.
     */
    public record Options(String sessionGlob, boolean checkEntries, int batchSize, StuckRules rules, MessageMatch grep,
                          long maxRate) {
        public static final Options ALL = new Options(null, true, 1_000, StuckRules.DEFAULT, null, 0);

        public Options(String sessionGlob, boolean checkEntries, int batchSize, StuckRules rules) {
            this(sessionGlob, checkEntries, batchSize, rules, null, 0);
        }

        public Options withGlob(String glob) {
            return new Options(glob, checkEntries, batchSize, rules, grep, maxRate);
        }

        public Options withRules(StuckRules newRules) {
            return new Options(sessionGlob, checkEntries, batchSize, newRules, grep, maxRate);
        }

        public Options withoutEntryCheck() {
            return new Options(sessionGlob, false, batchSize, rules, grep, maxRate);
        }

        /** Only buffers holding an entry that matches, among the first {@code cap} (the entries a scan reads). */
        public Options withGrep(MessageMatch match) {
            return new Options(sessionGlob, true, batchSize, rules, match, maxRate);
        }

        /**
         * At most about {@code commandsPerSecond} commands a second (0: as fast as the server answers): the
         * scan sleeps between batches, and a batch holds no more than a tenth of a second's worth, so the
         * server never sees a burst larger than that.
         */
        public Options withMaxRate(long commandsPerSecond) {
            if (commandsPerSecond < 0) {
                throw new IllegalArgumentException("the maximum rate must not be negative");
            }
            int batch = commandsPerSecond == 0 ? batchSize
                    : (int) Math.max(10, Math.min(batchSize, commandsPerSecond / 10 / COMMANDS_PER_KEY));
            return new Options(sessionGlob, checkEntries, batch, rules, grep, commandsPerSecond);
        }
    }

    /** About how many commands a scanned key costs (PTTL, LRANGE, HMGET, and TYPE or LLEN for some). */
    static final int COMMANDS_PER_KEY = 4;

    /** How far the scan is: keys seen, the key count of the server(s) as an estimate, what was found. */
    public record Progress(long scanned, long estimate, long buffers, long others, boolean done, boolean cancelled) {
    }

    /** One SCAN batch's findings. */
    public record Page(List<BufferSummary> buffers, List<OtherKey> others, Progress progress) {
    }

    private final RedisGateway redis;
    private final KeySchema schema;
    private final MessageCodec codec;

    private final TtlMarks.Known handSet;

    public SessionScan(RedisGateway redis, KeySchema schema) {
        this(redis, schema, TtlMarks.Known.NONE);
    }

    /** {@code handSet}: the TTLs this tool set by hand on this server, under which no age is estimated. */
    public SessionScan(RedisGateway redis, KeySchema schema, TtlMarks.Known handSet) {
        this.handSet = handSet;
        this.redis = redis;
        this.schema = schema;
        this.codec = schema.codec();
    }

    /**
     * Runs the whole scan, handing each page to {@code onPage} on the calling thread. A batch goes through
     * three stages, each a step behind the one before, so the server always has a batch queued while the
     * client reads another: the first round (each key's PTTL, LRANGE, HMGET or TYPE) goes out in one flush
     * with the next SCAN; a step later its replies are read and the second round (TYPE where a buffer key
     * is not a list, LLEN where a head is full) is sent behind the next batch's first; a step after that
     * the batch is summarised. The scan costs about one round trip per batch, and the client's decoding
     * overlaps the server's work (with the second round awaited at once, each batch waited for the server
     * to finish the next one first and then left it idle while the batch was summarised).
     */
    public Progress run(Options options, Consumer<Page> onPage, BooleanSupplier cancelled) {
        long estimate = redis.read(r -> r.dbsize());
        String match = Glob.escape(schema.prefix()) + "*";
        Counts counts = new Counts(estimate);
        // the first batch is tiny: its page comes back at once, so a console shows rows sooner, and only a
        // few of them, whose first layout in a cold JVM is cheap; a screenful of first rows made the FX
        // thread's longest stall (130-190 ms with SCAN COUNT 100, 70-100 ms with 10, in the bench)
        KeyScan batch = redis.batch(p -> p.scan(KeyScan.start(), match, Math.min(FIRST_BATCH, options.batchSize()))).await();
        InFlight firstRound = null;
        SecondRound secondRound = null;
        long started = System.nanoTime();
        long issuedCommands = 0;
        while (true) {
            if (cancelled.getAsBoolean()) {
                Progress progress = counts.progress(false, true);
                onPage.accept(new Page(List.of(), List.of(), progress));
                return progress;
            }
            KeyScan current = batch;
            boolean done = current.isFinished();
            AtomicReference<Reply<KeyScan>> next = new AtomicReference<>();
            InFlight issued = new InFlight(redis.batch(p -> {
                if (!done) {
                    next.set(p.scan(current, match, options.batchSize()));
                }
                return issue(p, current.keys(), options);
            }), current.keys().size());
            issuedCommands += (long) current.keys().size() * COMMANDS_PER_KEY + 1;
            pace(options.maxRate(), issuedCommands, started);
            SecondRound older = secondRound;
            secondRound = firstRound == null ? null : secondRound(firstRound);
            if (older != null) {
                onPage.accept(counts.add(older, options, false));
            }
            if (done) {
                if (secondRound != null) {
                    onPage.accept(counts.add(secondRound, options, false));
                }
                Page last = counts.add(secondRound(issued), options, true);
                onPage.accept(last);
                return last.progress();
            }
            firstRound = issued;
            batch = next.get().await();
        }
    }

    /** Sleeps until {@code issued} commands are no more than {@code maxRate} a second since {@code started}. */
    private static void pace(long maxRate, long issued, long started) {
        if (maxRate <= 0) {
            return;
        }
        long due = started + issued * 1_000_000_000L / maxRate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record InFlight(List<Pending> pending, int keyCount) {
    }

    /** The running totals of a scan. */
    private final class Counts {
        private final long estimate;
        private long scanned;
        private long buffers;
        private long others;

        Counts(long estimate) {
            this.estimate = estimate;
        }

        Page add(SecondRound batch, Options options, boolean done) {
            Page page = summariseAll(batch, options);
            scanned += batch.keyCount();
            buffers += page.buffers().size();
            others += page.others().size();
            return new Page(page.buffers(), page.others(), progress(done, false));
        }

        Progress progress(boolean done, boolean cancelled) {
            return new Progress(scanned, Math.max(estimate, scanned), buffers, others, done, cancelled);
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

    /**
     * What was asked of one key. A buffer key gets no TYPE: its LRANGE (or LLEN) answers WRONGTYPE when it
     * is not a list, and an LRANGE shorter than the cap is its length, so most buffers cost three commands.
     */
    private record Pending(byte[] key, Optional<BufferRef> ref, Reply<String> type, Reply<Long> pttl,
                           Reply<Long> llen, Reply<List<byte[]>> meta, Reply<List<byte[]>> head) {
    }

    private Page enrich(List<byte[]> keys, Options options) {
        return classify(redis.batch(a -> issue(a, keys, options)), options);
    }

    private List<Pending> issue(Pipeline async, List<byte[]> keys, Options options) {
        List<Pending> out = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            Optional<BufferRef> ref = BufferRef.fromKey(schema, key);
            if (ref.isPresent() && options.sessionGlob() != null
                    && !Glob.matches(options.sessionGlob(), ref.get().session().text())) {
                continue;
            }
            Reply<Long> pttl = async.pttl(key);
            if (ref.isEmpty()) {
                out.add(new Pending(key, ref, async.type(key), pttl, null, null, null));
                continue;
            }
            Reply<List<byte[]>> meta = async.hmget(ref.get().metaKey(schema), META_FIELDS);
            if (options.checkEntries()) {
                out.add(new Pending(key, ref, null, pttl, null, meta, async.lrange(key, 0, schema.cap() - 1)));
            } else {
                out.add(new Pending(key, ref, null, pttl, async.llen(key), meta, null));
            }
        }
        return out;
    }

    /*
     * classify and the methods under it are split small on purpose: as one method, the JIT compiled it four
     * times over (once per loop, on stack), 1.2 s of the optimising compiler's time in a 100,000-buffer list.
     */
    private Page classify(List<Pending> pending, Options options) {
        return summariseAll(secondRound(new InFlight(pending, pending.size())), options);
    }

    /**
     * A batch whose second round is sent: for the key at each position that needed one, its TYPE or LLEN
     * reply (null elsewhere). Kept by position, not in identity maps: each key asked for its identity hash,
     * which a JVM running C1 alone computes through a call into the VM.
     */
    private record SecondRound(List<Pending> pending, int keyCount, Reply<String>[] types, Reply<Long>[] lengths) {
    }

    /** Reads a batch's first replies and sends, in one flush, the commands they call for; awaits none of them. */
    @SuppressWarnings("unchecked")
    private SecondRound secondRound(InFlight batch) {
        List<Pending> pending = batch.pending();
        Reply<String>[] types = new Reply[pending.size()];
        Reply<Long>[] lengths = new Reply[pending.size()];
        int[] wrongType = new int[pending.size()];
        int[] full = new int[pending.size()];
        int wrong = 0;
        int filled = 0;
        for (int i = 0; i < pending.size(); i++) {
            switch (sortOut(pending.get(i))) {
                case WRONG_TYPE -> wrongType[wrong++] = i;
                case FULL -> full[filled++] = i;
                default -> {
                }
            }
        }
        if (wrong > 0 || filled > 0) {
            int wrongCount = wrong;
            int fullCount = filled;
            redis.batch(a -> {
                for (int k = 0; k < wrongCount; k++) {
                    types[wrongType[k]] = a.type(pending.get(wrongType[k]).key());
                }
                for (int k = 0; k < fullCount; k++) {
                    lengths[full[k]] = a.llen(pending.get(full[k]).key());
                }
                return null;
            });
        }
        return new SecondRound(pending, batch.keyCount(), types, lengths);
    }

    private Page summariseAll(SecondRound batch, Options options) {
        List<BufferSummary> buffers = new ArrayList<>(batch.pending().size());
        List<OtherKey> others = new ArrayList<>();
        for (int i = 0; i < batch.pending().size(); i++) {
            summarise(batch.pending().get(i), batch.types()[i], batch.lengths()[i], options, buffers, others);
        }
        return new Page(buffers, others, null);
    }

    /** What a key needs next: nothing, a TYPE (its list command failed), or an LLEN (its head is full). */
    private enum Next { NOTHING, WRONG_TYPE, FULL }

    private Next sortOut(Pending p) {
        if (p.ref().isEmpty()) {
            return Next.NOTHING;
        }
        List<byte[]> head = p.head() == null ? null : awaitOr(p.head(), null);
        Long llen = p.llen() == null ? null : awaitOr(p.llen(), null);
        if (head == null && llen == null) {
            return Next.WRONG_TYPE;
        }
        return head != null && head.size() >= schema.cap() ? Next.FULL : Next.NOTHING;
    }

    /** One key's finding: a buffer, another key, or nothing (gone since SCAN, or no match for --grep). */
    private void summarise(Pending p, Reply<String> secondType, Reply<Long> secondLength, Options options,
                           List<BufferSummary> buffers, List<OtherKey> others) {
        Long pttl = await(p.pttl());
        if (pttl == -2) {
            return; // deleted since SCAN returned it
        }
        Optional<Duration> ttl = ttlOf(pttl);
        Reply<String> typeReply = p.type() != null ? p.type() : secondType;
        if (typeReply != null) {
            String type = await(typeReply);
            if (!"none".equals(type)) {
                others.add(new OtherKey(p.key(), type, ttl));
                if (p.ref().isPresent() && options.grep() == null) {
                    // where this session's buffer belongs: the backend's RPUSH and LPOP fail on it
                    buffers.add(new BufferSummary(p.ref().get(), 0, ttl, Optional.empty(), Optional.empty(), 0,
                            EnumSet.of(StuckReason.WRONG_TYPE)));
                }
            }
            return;
        }
        List<byte[]> head = p.head() == null ? List.of() : await(p.head());
        long length = p.llen() != null ? await(p.llen())
                : secondLength != null ? awaitOr(secondLength, 0L) : head.size();
        if (length == 0) {
            return; // a list is never empty: the key went away between the commands
        }
        BackendGeneration generation = p.ref().get().generation();
        Optional<TurnStatus> turn = turnOf(awaitOr(p.meta(), List.of()), generation);
        Head seen = read(head, generation == BackendGeneration.SEED ? codec : generation.codec(schema), options.grep());
        if (options.grep() != null && seen.matches().isEmpty()) {
            return;
        }
        Optional<Duration> exact = StuckRules.exactAge(length, head.size(), seen.newest());
        Optional<Duration> age = exact.isPresent() ? exact
                : handSet.handSet(p.key(), ttl) ? Optional.empty() : StuckRules.lastPushAge(schema, ttl);
        buffers.add(new BufferSummary(p.ref().get(), length, ttl, age, exact.isPresent(), turn,
                seen.unreadable(), options.rules().reasons(schema, length, ttl, age, turn, seen.unreadable()), seen.matches(),
                seen.oldest() == null ? Optional.empty() : StuckRules.ageOf(seen.oldest()), bytesOf(head)));
    }

    /** What a buffer's first entries say: how many the backend cannot read, the first and last, which match. */
    private record Head(int unreadable, Glance oldest, Glance newest, List<Integer> matches) {
    }

    private static Head read(List<byte[]> head, MessageCodec reader, MessageMatch grep) {
        int unreadable = 0;
        Glance newest = null;
        Glance oldest = null;
        List<Integer> matches = grep == null ? List.of() : new ArrayList<>(2);
        for (int i = 0; i < head.size(); i++) {
            if (grep == null) {
                newest = reader.glance(head.get(i)); // validity and enqueued_at, without the message
            } else {
                BufferEntry entry = reader.decode(head.get(i));
                newest = Glance.of(entry);
                if (grep.test(entry)) {
                    matches.add(i);
                }
            }
            if (i == 0) {
                oldest = newest;
            }
            if (!newest.readable()) {
                unreadable++;
            }
        }
        return new Head(unreadable, oldest, newest, matches);
    }

    private static long bytesOf(List<byte[]> head) {
        long n = 0;
        for (byte[] entry : head) {
            n += entry.length;
        }
        return n;
    }

    public static Optional<Duration> ttlOf(Long pttl) {
        return pttl == null || pttl < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(pttl));
    }

    /**
     * The turn from the meta hash's fields, in {@link #metaFields()} order (null: missing). A hash that
     * exists without a status is a running turn where the generation says so (today's backend).
     */
    static Optional<TurnStatus> turnOf(List<byte[]> values, BackendGeneration generation) {
        String[] v = new String[META_FIELDS.length];
        boolean any = false;
        for (int i = 0; i < values.size() && i < v.length; i++) {
            byte[] value = values.get(i);
            if (value != null) {
                v[i] = new String(value, StandardCharsets.UTF_8);
                any = true;
            }
        }
        if (any && v[0] == null && generation.noStatusMeansRunning()) {
            v[0] = "running";
        }
        return any ? Optional.of(new TurnStatus(v[0], v[1], v[2], v[3], v[4])) : Optional.empty();
    }

    static byte[][] metaFields() {
        return META_FIELDS.clone();
    }

    private static <T> T await(Reply<T> reply) {
        return reply.await();
    }

    /** A reply that may legitimately fail (WRONGTYPE on a key that changed type) gives {@code fallback}. */
    private static <T> T awaitOr(Reply<T> reply, T fallback) {
        return reply == null ? fallback : reply.awaitOr(fallback);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
