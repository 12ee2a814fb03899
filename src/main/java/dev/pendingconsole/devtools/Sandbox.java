package dev.pendingconsole.devtools;

import dev.pendingconsole.core.BackendGeneration;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PendingMessageContext;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.TurnEnd;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;

import io.lettuce.core.XAddArgs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway local Redis with realistic demo data: healthy buffers with running turns, stuck ones of
 * every reason, an over-cap list, malformed and non-UTF-8 entries, newer-shape payloads under the
 * hash-tag layout, today's backend's buffers with their turn hashes, persist queue and claims, rate-limit
 * counters and decoys. One server, or a 3-master cluster as today's backend runs on. Nothing in it matters;
 * closing it deletes it.
 */
public final class Sandbox implements AutoCloseable {

    private final AutoCloseable server;
    private final String url;
    private final int port;
    private final String describe;

    private Sandbox(AutoCloseable server, String url, int port, String describe) {
        this.server = server;
        this.url = url;
        this.port = port;
        this.describe = describe;
    }

    /**
     * Starts a 3-master cluster on free ports and fills it (keys land on the master of their slot). It runs
     * on Redis 7 when this machine has one, as today's backend does (SPUBLISH), else on the embedded 6.2.
     */
    public static Sandbox startCluster() {
        Optional<Path> seven = LocalRedis.redis7();
        LocalCluster cluster = new LocalCluster(seven.orElse(null));
        String describe;
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(cluster.url()).withMode(RedisTarget.Mode.CLUSTER))) {
            seed(redis, KeySchema.SEED);
            describe = describe(redis, seven);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        String url = cluster.url();
        return new Sandbox(cluster, url, Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)), describe);
    }

    /** Whether it is a cluster (its URL reaches one node; clients discover the others). */
    public boolean isCluster() {
        return server instanceof LocalCluster;
    }

    /**
     * Starts a server on {@code port} (0: any free port) and fills it: a Redis 7 of this machine's when
     * there is one (today's backend needs SPUBLISH), else the embedded 6.2.
     */
    public static Sandbox start(int port) {
        Optional<Path> seven = LocalRedis.redis7();
        LocalRedis server = seven.isPresent() ? LocalRedis.start(seven.get(), port, List.of()) : LocalRedis.start(port, List.of());
        String describe;
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(server.url()))) {
            seed(redis, KeySchema.SEED);
            describe = describe(redis, seven);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new Sandbox(server, server.url(), server.port(), describe);
    }

    /** Which server runs it, in words: "Redis 7.0.15 (/usr/bin/redis-server)", or the embedded one and what it lacks. */
    public String server() {
        return describe;
    }

    private static String describe(RedisGateway redis, Optional<Path> seven) {
        String version = redis.lettuce(r -> r.info("server")).lines().filter(l -> l.startsWith("redis_version:"))
                .map(l -> l.substring("redis_version:".length()).trim()).findFirst().orElse("?");
        return seven.map(p -> "Redis " + version + " (" + p + ")").orElseGet(() -> "the embedded Redis " + version
                + " (no SPUBLISH, which today's backend needs: new sessions go into the seed's layout;"
                + " a redis-server 7 on PATH is used when there is one)");
    }

    public String url() {
        return url;
    }

    public int port() {
        return port;
    }

    /** Writes the demo data through {@code redis}; existing keys of the same names are replaced. */
    public static void seed(RedisGateway redis, KeySchema schema) {
        PendingBuffers buffers = new PendingBuffers(redis, schema);
        PendingBuffers tagged = new PendingBuffers(redis, schema.withLayout(KeyLayout.HASH_TAG));
        Instant now = Instant.now();

        healthy(redis, buffers, schema, "demo-healthy-1", "user-1", List.of(
                PendingMessage.of("Also include the Q3 numbers, please."),
                new PendingMessage("Use this sheet instead", List.of("6f1c2a8e-0d7b-4c39-9a51-2f3e4d5c6b7a"), null)), now);
        healthy(redis, buffers, schema, "demo-healthy-2", "user-2", List.of(
                new PendingMessage("Is this the right page?", List.of(),
                        new PendingMessageContext("https://app.example.com/runs/7", "Run 7 failed: timeout after 30s"))), now);
        healthy(redis, buffers, schema, "demo-healthy-3", "user-3", List.of(
                PendingMessage.of("Merci ! Et en français ? \u00e9\u00e8\u00ea \ud83d\udc4d"),
                PendingMessage.of("\u4e5f\u8bf7\u7ffb\u8bd1\u6210\u4e2d\u6587"),
                PendingMessage.of("Stop after the summary.")), now);

        SessionId idle = SessionId.of("demo-idle-turn-completed");
        buffers.push(idle, PendingMessage.of("Are you still there?"));
        buffers.push(idle, PendingMessage.of("Hello?"));
        setPushAge(redis, schema, idle, KeyLayout.PLAIN, Duration.ofMinutes(20));
        meta(redis, schema, idle, "completed", "user-4", now.minus(Duration.ofMinutes(25)));
        turnStream(redis, idle, now.minus(Duration.ofMinutes(25)), now.minus(Duration.ofMinutes(21)), null);

        SessionId noMeta = SessionId.of("demo-idle-no-turn");
        buffers.push(noMeta, PendingMessage.of("Queued after the executor died"));
        setPushAge(redis, schema, noMeta, KeyLayout.PLAIN, Duration.ofMinutes(12));

        SessionId failed = SessionId.of("demo-idle-turn-failed");
        buffers.push(failed, PendingMessage.of("Retry with a smaller file"));
        setPushAge(redis, schema, failed, KeyLayout.PLAIN, Duration.ofMinutes(8));
        meta(redis, schema, failed, "failed", "user-5", now.minus(Duration.ofMinutes(9)));
        turnStream(redis, failed, now.minus(Duration.ofMinutes(9)), now.minus(Duration.ofSeconds(510)),
                "Exceeded 30 tool-call rounds without a final answer");

        SessionId noTtl = SessionId.of("demo-no-ttl");
        buffers.push(noTtl, PendingMessage.of("Written by an old deploy that forgot EXPIRE"));
        redis.lettuceWrite("seed", r -> r.persist(schema.bufferKey(noTtl)));
        meta(redis, schema, noTtl, "running", "user-6", now);

        SessionId overCap = SessionId.of("demo-over-cap");
        byte[] overKey = schema.bufferKey(overCap);
        for (int i = 1; i <= 14; i++) {
            byte[] payload = MessageCodec.encode(PendingMessage.of("bulk import line " + i));
            redis.lettuceWrite("seed", r -> r.rpush(overKey, payload));
        }
        redis.lettuceWrite("seed", r -> r.expire(overKey, schema.ttl().getSeconds()));
        meta(redis, schema, overCap, "running", "user-7", now);

        SessionId unreadable = SessionId.of("demo-unreadable-entries");
        byte[] badKey = schema.bufferKey(unreadable);
        buffers.push(unreadable, PendingMessage.of("This one is fine"));
        redis.lettuceWrite("seed", r -> r.rpush(badKey,
                bytes("{not valid json"),
                new byte[] {'{', '"', 'c', 'o', 'n', 't', 'e', 'n', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                bytes("[\"a list, not an object\"]"),
                bytes("{\"content\":\"\"}")));
        meta(redis, schema, unreadable, "running", "user-8", now);

        SessionId newer = SessionId.of("demo-newer-shape");
        tagged.push(newer, PendingMessage.of("pushed by the seed's code"));
        byte[] newerKey = schema.withLayout(KeyLayout.HASH_TAG).bufferKey(newer);
        redis.lettuceWrite("seed", r -> r.rpush(newerKey,
                bytes("{\"id\":\"0b6d1f0e-5b6a-4c8e-9f51-3d2c1b0a9f8e\",\"content\":\"written by a newer backend\","
                        + "\"file_ids\":[],\"context\":null,\"enqueued_at\":" + now.getEpochSecond() + ".25,"
                        + "\"metadata\":{\"client\":\"web\",\"retry\":0}}"),
                bytes("{\"id\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"content\":\"" + "long paste ".repeat(1_800)
                        + "\",\"file_ids\":[],\"context\":null,\"enqueued_at\":" + now.getEpochSecond() + ".5,\"metadata\":null}")));
        currentMeta(redis, schema, newer, "running", "user-9", now);
        currentGeneration(redis, schema, tagged, now);

        SessionId odd = SessionId.of("demo odd id \u2713 [x]*?");
        buffers.push(odd, PendingMessage.of("Session ids can hold spaces, unicode and glob characters"));
        meta(redis, schema, odd, "running", "user-10", now);

        refreshCounters(redis, schema);
        redis.lettuceWrite("seed", r -> r.setex(bytes(schema.prefix() + "client-msg:demo-healthy-1:m-41"), 600, bytes("1")));
        redis.lettuceWrite("seed", r -> r.rpush(bytes("copilot:pending-persist:demo-healthy-1"), bytes("{\"content\":\"persisted\"}")));
        redis.lettuceWrite("seed", r -> r.hset(bytes(schema.prefix() + "demo-wrong-type"), bytes("content"), bytes("a hash")));
    }

    /**
     * The demo's push rate-limit counters (one user well under the limit, one over it). They live for a
     * minute at most, like the backend's: a running sandbox sets them again every so often, so that
     * {@code limits} always has something to show.
     */
    public static void refreshCounters(RedisGateway redis, KeySchema schema) {
        String calls = schema.prefix() + "calls:";
        redis.lettuceWrite("seed", r -> r.setex(bytes(calls + "user-1"), 45, bytes("4")));
        redis.lettuceWrite("seed", r -> r.setex(bytes(calls + "user-2"), 50, bytes("31")));
    }

    /**
     * Sets the demo's rate-limit counters again every 30 s while this sandbox runs ({@link #refreshCounters});
     * close the handle to stop.
     */
    public AutoCloseable keepCountersFresh() {
        ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-counters");
            t.setDaemon(true);
            return t;
        });
        every.scheduleAtFixedRate(() -> {
            try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(url))) {
                refreshCounters(redis, KeySchema.SEED);
            } catch (RuntimeException e) {
                // stopping: the server is going away
            }
        }, 30, 30, TimeUnit.SECONDS);
        return every::shutdownNow;
    }

    /**
     * Buffers as today's backend leaves them (SPEC §1b): hash-tagged keys, meta hashes at
     * {@code chat:task:meta:{sid}}, payloads with id and enqueued_at, a persist queue and idempotency
     * claims. Each was last pushed ten minutes ago, so only the turn decides whether it is idle.
     */
    private static void currentGeneration(RedisGateway redis, KeySchema schema, PendingBuffers tagged, Instant now) {
        Instant tenMinutesAgo = now.minus(Duration.ofMinutes(10));
        String[][] sessions = {
                {"demo-current-running", "running", "user-11"},
                {"demo-current-idle", "completed", "user-12"},
                {"demo-current-no-status", null, "user-13"}};
        int n = 0;
        for (String[] s : sessions) {
            SessionId session = SessionId.of(s[0]);
            byte[] key = schema.withLayout(KeyLayout.HASH_TAG).bufferKey(session);
            String id = "3c0d6a1e-8f2b-4d7a-9e1c-5b4a3f2e1d0" + n++;
            String payload = "{\"id\":\"" + id + "\",\"content\":\"queued while " + (s[1] == null ? "a turn without a status"
                    : "the turn was " + s[1]) + "\",\"file_ids\":[],\"context\":null,\"enqueued_at\":"
                    + tenMinutesAgo.getEpochSecond() + ".125,\"metadata\":null}";
            redis.lettuceWrite("seed", r -> r.rpush(key, bytes(payload)));
            setPushAge(redis, schema, session, KeyLayout.HASH_TAG, Duration.ofMinutes(10));
            currentMeta(redis, schema, session, s[1], s[2], tenMinutesAgo);
        }
        redis.lettuceWrite("seed", r -> r.rpush(bytes("copilot:pending-persist:demo-current-running"),
                bytes("{\"id\":\"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b\",\"content\":\"drained, not yet saved as a chat row\","
                        + "\"file_ids\":[],\"context\":null,\"enqueued_at\":" + tenMinutesAgo.getEpochSecond() + ".0,\"metadata\":null}")));
        redis.lettuceWrite("seed", r -> r.expire(bytes("copilot:pending-persist:demo-current-running"), 3600));
        redis.lettuceWrite("seed", r -> r.setex(bytes(schema.prefix() + "client-msg:demo-current-running:msg-7"), 3600,
                bytes("accepted")));
        redis.lettuceWrite("seed", r -> r.setex(bytes(schema.prefix() + "client-msg:demo-current-running:msg-8"), 30,
                bytes("reserved:worker-2")));
    }

    /** A turn meta hash where today's backend keeps it, with its fields; {@code status} null leaves it out. */
    private static void currentMeta(RedisGateway redis, KeySchema schema, SessionId session, String status, String user,
                                    Instant createdAt) {
        byte[] key = BackendGeneration.CURRENT.metaKey(schema, session);
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(bytes("session_id"), bytes(session.text()));
        fields.put(bytes("user_id"), bytes(user));
        fields.put(bytes("tool_call_id"), bytes("call-" + Math.abs(session.hashCode() % 10_000)));
        fields.put(bytes("tool_name"), bytes("run_agent"));
        fields.put(bytes("turn_id"), bytes(turnId(session)));
        fields.put(bytes("blocking"), bytes("0"));
        if (status != null) {
            fields.put(bytes("status"), bytes(status));
        }
        fields.put(bytes("created_at"), bytes(createdAt.toString()));
        redis.lettuceWrite("seed", r -> r.hset(key, fields));
        redis.lettuceWrite("seed", r -> r.expire(key, 3600));
    }

    private static void healthy(RedisGateway redis, PendingBuffers buffers, KeySchema schema, String id, String user,
                                List<PendingMessage> messages, Instant now) {
        SessionId session = SessionId.of(id);
        messages.forEach(m -> buffers.push(session, m));
        meta(redis, schema, session, "running", user, now);
    }

    private static void meta(RedisGateway redis, KeySchema schema, SessionId session, String status, String user,
                             Instant createdAt) {
        byte[] key = schema.metaKey(session);
        Map<byte[], byte[]> fields = Map.of(
                bytes("status"), bytes(status),
                bytes("user_id"), bytes(user),
                bytes("turn_id"), bytes(turnId(session)),
                bytes("created_at"), bytes(createdAt.toString()),
                bytes("tool_name"), bytes("web_search"));
        redis.lettuceWrite("seed", r -> r.hset(key, fields));
        redis.lettuceWrite("seed", r -> r.expire(key, 3600));
    }

    private static String turnId(SessionId session) {
        return "turn-" + Math.abs(session.hashCode() % 10_000);
    }

    /**
     * The turn's stream as the backend's stream registry leaves it (see {@link TurnEnd}): a start and some
     * text, an error when {@code errorText} is given, then the finish; each chunk's id is its time.
     */
    private static void turnStream(RedisGateway redis, SessionId session, Instant started, Instant ended, String errorText) {
        byte[] key = bytes(TurnEnd.STREAM_PREFIX + turnId(session));
        Map<Long, String> chunks = new LinkedHashMap<>();
        chunks.put(started.toEpochMilli(), "{\"type\":\"start\"}");
        chunks.put(started.toEpochMilli() + 1_000, "{\"type\":\"text-delta\",\"id\":\"t1\",\"delta\":\"Looking at the file\"}");
        if (errorText != null) {
            chunks.put(ended.toEpochMilli() - 1, "{\"type\":\"error\",\"errorText\":\"" + errorText + "\",\"code\":\"baseline_error\"}");
        }
        chunks.put(ended.toEpochMilli(), "{\"type\":\"finish\"}");
        chunks.forEach((ms, json) -> redis.lettuceWrite("seed", r -> r.xadd(key, new XAddArgs().id(ms + "-0"),
                Map.of(bytes("data"), bytes(json)))));
        redis.lettuceWrite("seed", r -> r.expire(key, 3600));
    }

    /** Makes a buffer look last pushed {@code age} ago: TTL = configured TTL − age. */
    private static void setPushAge(RedisGateway redis, KeySchema schema, SessionId session, KeyLayout layout,
                                   Duration age) {
        byte[] key = schema.withLayout(layout).bufferKey(session);
        redis.lettuceWrite("seed", r -> r.pexpire(key, schema.ttl().minus(age).toMillis()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the sandbox", e);
        }
    }
}
