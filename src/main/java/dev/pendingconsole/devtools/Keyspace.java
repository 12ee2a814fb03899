package dev.pendingconsole.devtools;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A realistic keyspace, written fast with deep pipelining: buffers of 1-10 entries with a TTL, turn
 * metadata for a third of them, rate-limit counters and idempotency keys under the prefix, unrelated
 * keys outside it, and a few huge lists.
 */
final class Keyspace {

    record Shape(int buffers, int totalKeys, int hugeLists, int hugeLength) {
    }

    private Keyspace() {
    }

    /** Writes the keyspace on one server; returns how many keys it holds afterwards. */
    static long generate(String url, Shape shape, long seed) {
        return generate(List.of(url), key -> 0, shape, seed);
    }

    /**
     * Writes the keyspace through a connection per node, each key to {@code route.applyAsInt(key)} (the
     * index of the node that owns its slot, on a cluster); returns how many keys the nodes hold afterwards.
     */
    static long generate(List<String> nodes, ToIntFunction<byte[]> route, Shape shape, long seed) {
        List<Writer> writers = new ArrayList<>();
        try {
            for (String url : nodes) {
                writers.add(new Writer(url));
            }
            Random random = new Random(seed);
            KeySchema schema = KeySchema.SEED;
            byte[][] messages = new byte[16][];
            for (int i = 0; i < messages.length; i++) {
                messages[i] = MessageCodec.encode(PendingMessage.of("benchmark message " + i + " " + "x".repeat(40 + i * 7)));
            }
            int keys = 0;
            for (int b = 0; b < shape.buffers(); b++) {
                byte[] key = bytes(schema.prefix() + "bench-" + b);
                int n = 1 + random.nextInt(10);
                byte[][] entries = new byte[n][];
                for (int i = 0; i < n; i++) {
                    entries[i] = messages[random.nextInt(messages.length)];
                }
                Writer w = writers.get(route.applyAsInt(key));
                w.add(w.a.rpush(key, entries));
                w.add(w.a.expire(key, 600 + random.nextInt(3000))); // outlives the whole bench run
                keys++;
                if (b % 3 == 0) {
                    byte[] meta = bytes(schema.metaPrefix() + "bench-" + b);
                    Writer m = writers.get(route.applyAsInt(meta));
                    m.add(m.a.hset(meta, Map.of(bytes("status"),
                            bytes(random.nextInt(4) == 0 ? "completed" : "running"), bytes("user_id"), bytes("u-" + (b % 5000)))));
                    keys++;
                }
            }
            for (int h = 0; h < shape.hugeLists(); h++) {
                byte[] key = bytes(schema.prefix() + "bench-huge-" + h);
                Writer w = writers.get(route.applyAsInt(key));
                for (int i = 0; i < shape.hugeLength(); i += 1_000) {
                    byte[][] chunk = new byte[Math.min(1_000, shape.hugeLength() - i)][];
                    Arrays.fill(chunk, messages[0]);
                    w.add(w.a.rpush(key, chunk));
                }
                keys++;
            }
            int d = 0;
            while (keys < shape.totalKeys()) {
                String name = switch (d % 3) {
                    case 0 -> schema.prefix() + "calls:u-" + d;
                    case 1 -> schema.prefix() + "client-msg:bench-" + d + ":m";
                    default -> "other:app:key:" + d;
                };
                byte[] key = bytes(name);
                Writer w = writers.get(route.applyAsInt(key));
                w.add(w.a.setex(key, 3600, bytes("1")));
                keys++;
                d++;
            }
            long total = 0;
            for (Writer w : writers) {
                w.flush();
                w.c.setAutoFlushCommands(true);
                total += w.a.dbsize().get(60, TimeUnit.SECONDS);
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException("generating the keyspace failed: " + e, e);
        } finally {
            writers.forEach(Writer::close);
        }
    }

    /** One node's connection: commands pile up and go out 4,000 at a time. */
    private static final class Writer {
        final RedisClient client;
        final StatefulRedisConnection<byte[], byte[]> c;
        final RedisAsyncCommands<byte[], byte[]> a;
        final List<RedisFuture<?>> pending = new ArrayList<>();

        Writer(String url) {
            client = RedisClient.create(url);
            c = client.connect(ByteArrayCodec.INSTANCE);
            c.setAutoFlushCommands(false);
            a = c.async();
        }

        void add(RedisFuture<?> f) throws Exception {
            pending.add(f);
            if (pending.size() >= 4_000) {
                flush();
            }
        }

        void flush() throws Exception {
            c.flushCommands();
            for (RedisFuture<?> f : pending) {
                f.get(60, TimeUnit.SECONDS);
            }
            pending.clear();
        }

        void close() {
            c.close();
            client.shutdown();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
