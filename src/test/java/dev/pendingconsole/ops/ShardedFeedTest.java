package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.devtools.LocalCluster;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.write.Announce;
import dev.pendingconsole.ops.write.WriteDoor;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.ControlledRedis;
import dev.pendingconsole.support.Door;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live feed hears today's SPUBLISH (Redis 7, sharded pub/sub, no pattern subscriptions) as well as
 * the seed's PUBLISH: on one server, and on a 3-master cluster where each channel lives on its slot's master.
 */
class ShardedFeedTest {

    @TempDir
    Path home;

    private static final KeySchema CURRENT = KeySchema.SEED.withLayout(KeyLayout.HASH_TAG).withPublishMode(PublishMode.SPUBLISH);

    @Test
    void hearsTodaysSpublishAndTheSeedsPublishOnOneServer() throws Exception {
        try (ControlledRedis seven = ControlledRedis.startRedis7();
             RedisGateway redis = RedisGateway.open(RedisTarget.parse(seven.url()))) {
            startTurn(redis, "cur-1");
            BlockingQueue<BufferRef> heard = new LinkedBlockingQueue<>();
            try (LiveFeed feed = LiveFeed.start(redis, KeySchema.SEED, e -> heard.add(e.ref()), Duration.ofSeconds(1),
                    Duration.ofMillis(100))) {
                assertThat(feed.hearsSharded()).isTrue();
                awaitWatching(feed, 1);
                new PendingBuffers(redis, CURRENT).push(SessionId.of("cur-1"), PendingMessage.of("today"));
                assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(new BufferRef(SessionId.of("cur-1"), KeyLayout.HASH_TAG));
                new PendingBuffers(redis, KeySchema.SEED).push(SessionId.of("old-1"), PendingMessage.of("seed"));
                assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(new BufferRef(SessionId.of("old-1"), KeyLayout.PLAIN));
            }
        }
    }

    @Test
    void hearsEverySessionOnAClusterOnTheMasterOfItsSlotAndAnAnnounceThroughTheDoor() throws Exception {
        try (LocalCluster cluster = new LocalCluster(ControlledRedis.redis7Binary());
             RedisGateway redis = RedisGateway.open(RedisTarget.parse(cluster.url()))) {
            List<String> sessions = IntStream.range(0, 12).mapToObj(i -> "shard-" + i).toList();
            sessions.forEach(s -> startTurn(redis, s));
            BlockingQueue<BufferRef> heard = new LinkedBlockingQueue<>();
            try (LiveFeed feed = LiveFeed.start(redis, KeySchema.SEED, e -> heard.add(e.ref()), Duration.ofSeconds(1),
                    Duration.ofMillis(100))) {
                awaitWatching(feed, sessions.size());
                PendingBuffers current = new PendingBuffers(redis, CURRENT);
                sessions.forEach(s -> current.push(SessionId.of(s), PendingMessage.of("hi")));
                Set<String> got = new HashSet<>();
                while (got.size() < sessions.size()) {
                    BufferRef ref = heard.poll(5, TimeUnit.SECONDS);
                    assertThat(ref).as("heard so far: " + got).isNotNull();
                    assertThat(ref.layout()).isEqualTo(KeyLayout.HASH_TAG);
                    got.add(ref.session().text());
                }
                assertThat(got).containsExactlyInAnyOrderElementsOf(sessions);

                // issue 25: a re-announce through the door is today's SPUBLISH, heard by the SSUBSCRIBE on its shard
                Operations ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT, "test");
                Workspace ws = new Workspace(ops, new WriteDoor(redis, ops, new DataDir(home), false));
                BufferRef shard3 = new BufferRef(SessionId.of("shard-3"), KeyLayout.HASH_TAG);
                assertThat(ws.write(new Announce(shard3), Door.YES)).as("subscribers").isEqualTo(1L);
                assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(shard3);
            }
        }
    }

    /**
     * Issue 25, finding 5: a session never seen before, on a server that sends keyspace notifications, is
     * heard at its first push within a second, though sessions are looked for only every 15 s; each push
     * is reported once (its RPUSH is heard; its SPUBLISH, the same push, is not listened to).
     */
    @Test
    void theFirstPushOfANewSessionIsHeardWithinASecondWhereTheServerSendsKeyspaceNotifications() throws Exception {
        try (ControlledRedis seven = ControlledRedis.startRedis7();
             RedisGateway redis = RedisGateway.open(RedisTarget.parse(seven.url()))) {
            redis.lettuce(r -> r.configSet("notify-keyspace-events", "El"));
            BlockingQueue<BufferRef> heard = new LinkedBlockingQueue<>();
            try (LiveFeed feed = LiveFeed.start(redis, KeySchema.SEED, e -> heard.add(e.ref()), Duration.ofSeconds(1),
                    Duration.ofSeconds(15))) {
                assertThat(feed.newSessions()).hasValueSatisfying(s -> assertThat(s).contains("at once"));
                PendingBuffers current = new PendingBuffers(redis, CURRENT);
                current.push(SessionId.of("brand-new"), PendingMessage.of("first"));
                assertThat(heard.poll(1, TimeUnit.SECONDS)).isEqualTo(new BufferRef(SessionId.of("brand-new"), KeyLayout.HASH_TAG));
                current.push(SessionId.of("brand-new"), PendingMessage.of("second"));
                assertThat(heard.poll(1, TimeUnit.SECONDS)).isEqualTo(new BufferRef(SessionId.of("brand-new"), KeyLayout.HASH_TAG));
                assertThat(heard.poll(500, TimeUnit.MILLISECONDS)).as("each push once").isNull();
            }
        }
    }

    /** The same on a cluster: keyspace notifications stay on their node, so every master is listened to. */
    @Test
    void theFirstPushOfNewSessionsOnEveryMasterOfAClusterIsHeardWithinASecond() throws Exception {
        try (LocalCluster cluster = new LocalCluster(ControlledRedis.redis7Binary());
             RedisGateway redis = RedisGateway.open(RedisTarget.parse(cluster.url()))) {
            for (String node : cluster.nodeUrls()) { // each node alone: a gateway would open the cluster
                RedisClient client = RedisClient.create(node);
                try (StatefulRedisConnection<String, String> one = client.connect()) {
                    one.sync().configSet("notify-keyspace-events", "Kl");
                } finally {
                    client.shutdown();
                }
            }
            List<String> sessions = IntStream.range(0, 9).mapToObj(i -> "fresh-" + i).toList();
            BlockingQueue<BufferRef> heard = new LinkedBlockingQueue<>();
            try (LiveFeed feed = LiveFeed.start(redis, KeySchema.SEED, e -> heard.add(e.ref()), Duration.ofSeconds(1),
                    Duration.ofSeconds(15))) {
                assertThat(feed.newSessions()).hasValueSatisfying(n -> assertThat(n).contains("at once"));
                PendingBuffers current = new PendingBuffers(redis, CURRENT);
                for (String s : sessions) {
                    current.push(SessionId.of(s), PendingMessage.of("first"));
                    assertThat(heard.poll(1, TimeUnit.SECONDS)).as(s).isEqualTo(new BufferRef(SessionId.of(s), KeyLayout.HASH_TAG));
                }
                assertThat(heard.poll(500, TimeUnit.MILLISECONDS)).as("each push once").isNull();
            }
        }
    }

    /** Without keyspace notifications the feed says how new sessions are found, and what it misses. */
    @Test
    void withoutKeyspaceNotificationsTheFeedSaysHowNewSessionsAreFound() throws Exception {
        try (ControlledRedis seven = ControlledRedis.startRedis7();
             RedisGateway redis = RedisGateway.open(RedisTarget.parse(seven.url()))) {
            try (LiveFeed feed = LiveFeed.start(redis, KeySchema.SEED, e -> { }, Duration.ofSeconds(1), Duration.ofSeconds(15))) {
                assertThat(feed.newSessions()).hasValue("new sessions are looked for every second");
            }
            redis.lettuce(r -> r.eval("for i = 1, 10001 do redis.call('SET', 'other:' .. i, 'x') end",
                    ScriptOutputType.STATUS));
            try (LiveFeed feed = LiveFeed.start(redis, KeySchema.SEED, e -> { }, Duration.ofSeconds(1), Duration.ofSeconds(15))) {
                assertThat(feed.newSessions()).hasValueSatisfying(s -> assertThat(s).contains("is missed").contains("'El'"));
            }
        }
    }

    private static void startTurn(RedisGateway redis, String session) {
        redis.lettuce(r -> r.hset(("chat:task:meta:{" + session + "}").getBytes(StandardCharsets.UTF_8),
                Map.of("status".getBytes(StandardCharsets.UTF_8), "running".getBytes(StandardCharsets.UTF_8))));
    }

    private static void awaitWatching(LiveFeed feed, int sessions) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (feed.shardedSessions() < sessions && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(feed.shardedSessions()).isEqualTo(sessions);
    }
}
