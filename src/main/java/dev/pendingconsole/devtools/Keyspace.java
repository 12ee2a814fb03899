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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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

    /** Writes the keyspace; returns how many keys the server holds afterwards. */
    static long generate(String url, Shape shape, long seed) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            c.setAutoFlushCommands(false);
            RedisAsyncCommands<byte[], byte[]> a = c.async();
            Random random = new Random(seed);
            KeySchema schema = KeySchema.SEED;
            byte[][] messages = new byte[16][];
            for (int i = 0; i < messages.length; i++) {
                messages[i] = MessageCodec.encode(PendingMessage.of("benchmark message " + i + " " + "x".repeat(40 + i * 7)));
            }
            List<RedisFuture<?>> pending = new ArrayList<>();
            int keys = 0;
            for (int b = 0; b < shape.buffers(); b++) {
                byte[] key = bytes(schema.prefix() + "bench-" + b);
                int n = 1 + random.nextInt(10);
                byte[][] entries = new byte[n][];
                for (int i = 0; i < n; i++) {
                    entries[i] = messages[random.nextInt(messages.length)];
                }
                pending.add(a.rpush(key, entries));
                pending.add(a.expire(key, 600 + random.nextInt(3000))); // outlives the whole bench run
                keys++;
                if (b % 3 == 0) {
                    pending.add(a.hset(bytes(schema.metaPrefix() + "bench-" + b), Map.of(bytes("status"),
                            bytes(random.nextInt(4) == 0 ? "completed" : "running"), bytes("user_id"), bytes("u-" + (b % 5000)))));
                    keys++;
                }
                keys += flushEvery(c, pending, 4_000);
            }
            for (int h = 0; h < shape.hugeLists(); h++) {
                byte[] key = bytes(schema.prefix() + "bench-huge-" + h);
                for (int i = 0; i < shape.hugeLength(); i += 1_000) {
                    byte[][] chunk = new byte[Math.min(1_000, shape.hugeLength() - i)][];
                    java.util.Arrays.fill(chunk, messages[0]);
                    pending.add(a.rpush(key, chunk));
                }
                keys++;
                flushEvery(c, pending, 0);
            }
            int d = 0;
            while (keys < shape.totalKeys()) {
                String name = switch (d % 3) {
                    case 0 -> schema.prefix() + "calls:u-" + d;
                    case 1 -> schema.prefix() + "client-msg:bench-" + d + ":m";
                    default -> "other:app:key:" + d;
                };
                pending.add(a.setex(bytes(name), 3600, bytes("1")));
                keys++;
                d++;
                flushEvery(c, pending, 4_000);
            }
            flushEvery(c, pending, 0);
            c.setAutoFlushCommands(true);
            return c.sync().dbsize();
        } finally {
            client.shutdown();
        }
    }

    private static int flushEvery(StatefulRedisConnection<byte[], byte[]> c, List<RedisFuture<?>> pending, int threshold) {
        if (pending.size() < threshold) {
            return 0;
        }
        c.flushCommands();
        for (RedisFuture<?> f : pending) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("generating the keyspace failed", e);
            }
        }
        pending.clear();
        return 0;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
