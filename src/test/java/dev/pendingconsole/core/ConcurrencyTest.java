package dev.pendingconsole.core;

import dev.pendingconsole.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;

class ConcurrencyTest {

    private RedisGateway redis;
    private final SessionId session = SessionId.of("race");
    private ExecutorService pool;

    @BeforeEach
    void connect() {
        redis = TestRedis.freshGateway();
        pool = Executors.newFixedThreadPool(12);
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        redis.close();
    }

    @Test
    void eightConcurrentPushersNeverLeaveMoreThanTheCap() throws Exception {
        PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
        AtomicLong maxSeen = new AtomicLong();
        List<Future<?>> pushers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pushers.add(pool.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    long length = buffers.push(session, PendingMessage.of("t" + thread + "-" + i)).length();
                    maxSeen.accumulateAndGet(length, Math::max);
                }
            }));
        }
        for (Future<?> f : pushers) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(maxSeen.get()).isEqualTo(10);
        assertThat(buffers.count(session)).isEqualTo(10);
    }

    @Test
    void racingPushersAndDrainersAccountForEveryMessageExactlyOnce() throws Exception {
        // A cap no push can reach, so that nothing is trimmed: every message must come out exactly once.
        PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED.withCap(1_000_000));
        int pushers = 4;
        int perPusher = 1_000;
        AtomicBoolean pushing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<List<String>> batches = new ConcurrentLinkedQueue<>();
        List<Future<?>> pushTasks = new ArrayList<>();
        for (int t = 0; t < pushers; t++) {
            int thread = t;
            pushTasks.add(pool.submit(() -> {
                for (int i = 0; i < perPusher; i++) {
                    buffers.push(session, PendingMessage.of(thread + ":" + i));
                }
            }));
        }
        List<Future<?>> drainTasks = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            drainTasks.add(pool.submit(() -> {
                while (pushing.get() || buffers.count(session) > 0) {
                    batches.add(buffers.drain(session).messages().stream().map(v -> v.message().content()).toList());
                }
            }));
        }
        for (Future<?> f : pushTasks) {
            f.get(120, TimeUnit.SECONDS);
        }
        pushing.set(false);
        for (Future<?> f : drainTasks) {
            f.get(120, TimeUnit.SECONDS);
        }
        List<String> all = batches.stream().flatMap(List::stream).toList();
        Set<String> unique = new HashSet<>(all);
        assertThat(all).hasSize(pushers * perPusher);
        assertThat(unique).hasSize(pushers * perPusher);
        // within one drain, each pusher's messages come out in the order it pushed them
        for (List<String> batch : batches) {
            for (int t = 0; t < pushers; t++) {
                String prefix = t + ":";
                List<Integer> order = batch.stream().filter(s -> s.startsWith(prefix))
                        .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList();
                assertThat(order).isSorted();
            }
        }
    }
}
