package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.DrainResult;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.devtools.LocalCluster;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.redis.KeyScan;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.Door;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything an operator does, on a 3-master Redis Cluster whose keys spread over all masters. */
@Tag("slow") // minutes of servers started, killed or put to sleep: mvn test -DexcludedGroups=slow skips them
class ClusterTest {

    private static LocalCluster cluster;

    @TempDir
    Path home;

    @BeforeAll
    static void startCluster() {
        cluster = new LocalCluster();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    /**
     * A slot moves to another master after the gateway learned the layout: the scan's read of that key goes
     * to the old owner on its lean connection, is answered MOVED, and is fetched again through Lettuce.
     */
    @Test
    void aKeyWhoseSlotMovedIsStillReadCorrectly() {
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(cluster.url()))) {
            PendingBuffers plain = new PendingBuffers(redis, KeySchema.SEED);
            SessionId session = SessionId.of("moving-" + System.nanoTime());
            plain.push(session, PendingMessage.of("first"));
            plain.push(session, PendingMessage.of("second"));
            byte[] key = KeySchema.SEED.bufferKey(session);
            int slot = SlotHash.getSlot(key);
            List<String> nodes = cluster.nodeUrls();
            int from = slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2;
            int to = (from + 1) % 3;
            // lettuce's view is now learned; move the slot behind its back, as a resharding would
            redis.lettuce(r -> r.pttl(key));
            RedisClient client = RedisClient.create();
            try (var src = client.connect(ByteArrayCodec.INSTANCE, RedisURI.create(nodes.get(from)));
                 var dst = client.connect(ByteArrayCodec.INSTANCE, RedisURI.create(nodes.get(to)))) {
                String srcId = src.sync().clusterMyId();
                String dstId = dst.sync().clusterMyId();
                dst.sync().clusterSetSlotImporting(slot, srcId);
                src.sync().clusterSetSlotMigrating(slot, dstId);
                URI target = URI.create(nodes.get(to));
                src.sync().migrate(target.getHost(), target.getPort(), key, 0, 5_000);
                for (String node : nodes) {
                    try (var c = client.connect(RedisURI.create(node))) {
                        c.sync().clusterSetSlotNode(slot, dstId);
                    }
                }
            } finally {
                client.shutdown();
            }
            SessionScan.Page page = new SessionScan(redis, KeySchema.SEED).lookup(List.of(key), SessionScan.Options.ALL);
            assertThat(page.buffers()).singleElement().satisfies(b -> {
                assertThat(b.session()).isEqualTo(session);
                assertThat(b.length()).isEqualTo(2);
                assertThat(b.unreadable()).isZero();
            });
            redis.lettuce(r -> r.del(key)); // the cluster is shared by this class's tests
        }
    }

    @Test
    void listPeekPushClearAndDrainAcrossEveryMaster() {
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(cluster.url()))) {
            assertThat(redis.isCluster()).isTrue();
            Operations ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
            PendingBuffers plain = new PendingBuffers(redis, KeySchema.SEED);
            PendingBuffers tagged = new PendingBuffers(redis, KeySchema.SEED.withLayout(KeyLayout.HASH_TAG));
            List<String> sessions = IntStream.range(0, 60).mapToObj(i -> "c-" + i).toList();
            for (String s : sessions) {
                plain.push(SessionId.of(s), PendingMessage.of("hello " + s));
                plain.push(SessionId.of(s), PendingMessage.of("again " + s));
            }
            tagged.push(SessionId.of("tagged"), PendingMessage.of("tagged one"));

            List<BufferSummary> found = ops.scan().all(SessionScan.Options.ALL);
            Set<String> names = found.stream().map(b -> b.session().text()).collect(Collectors.toSet());
            assertThat(names).hasSize(61).containsAll(sessions).contains("tagged");
            assertThat(found).allSatisfy(b -> assertThat(b.stuck()).isEmpty());

            Inspection seen = ops.inspect(ops.ref(SessionId.of("c-7")), 0, 10);
            assertThat(seen.page().entries()).hasSize(2);
            plain.push(SessionId.of("c-7"), PendingMessage.of("after the read"));
            ClearOutcome cleared = new Door(redis, ops, home).clear(seen, true);
            assertThat(cleared.status()).isEqualTo(ClearOutcome.Status.CLEARED);
            assertThat(plain.count(SessionId.of("c-7"))).isEqualTo(1);
            assertThat(new Door(redis, ops, home).restore(cleared.backup().orElseThrow()).entries()).isEqualTo(2);
            assertThat(plain.count(SessionId.of("c-7"))).isEqualTo(3);

            DrainResult drained = plain.drain(SessionId.of("c-42"));
            assertThat(drained.messages()).extracting(v -> v.message().content()).containsExactly("hello c-42", "again c-42");
            DrainOutcome toFile = new Door(redis, ops, home).drainToFile(ops.inspect(ops.ref(SessionId.of("c-43")), 0, 10), home.resolve("c-43.jsonl"));
            assertThat(toFile.result().popped()).hasSize(2);
            BufferEntry first = ops.inspect(new BufferRef(SessionId.of("tagged"), KeyLayout.HASH_TAG), 0, 1).page().entries().get(0);
            assertThat(((BufferEntry.Valid) first).message().content()).isEqualTo("tagged one");
        }
    }

    @Test
    void theCliListsAClusterFromAnyNode() {
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(cluster.url()))) {
            PendingBuffers plain = new PendingBuffers(redis, KeySchema.SEED);
            for (int i = 0; i < 30; i++) {
                plain.push(SessionId.of("cli-" + i), PendingMessage.of("x"));
            }
        }
        CliRun run = CliRun.run(Map.of("REDIS_URL", cluster.url(), "PENDING_CONSOLE_HOME", home.toString()),
                "--json", "list", "--match", "cli-*");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"buffers_found\":30");
    }

    @Test
    void everyScanBatchAsksEveryMasterAtOnceAndTheWalkSeesEachKeyOnce() {
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(cluster.url()));
             RedisClusterClient client = RedisClusterClient.create(cluster.url())) {
            PendingBuffers plain = new PendingBuffers(redis, KeySchema.SEED);
            for (int i = 0; i < 90; i++) {
                plain.push(SessionId.of("par-" + i), PendingMessage.of("m"));
            }
            client.refreshPartitions();
            Partitions partitions = client.getPartitions();
            String match = "copilot:pending:par-*";
            KeyScan batch = redis.batch(p -> p.scan(KeyScan.start(), match, 30)).await();
            Set<String> owners = batch.keys().stream()
                    .map(k -> partitions.getMasterBySlot(SlotHash.getSlot(k)).getNodeId())
                    .collect(Collectors.toSet());
            assertThat(owners).as("the first batch already holds keys of all three masters").hasSize(3);
            List<String> seen = new ArrayList<>();
            while (true) {
                batch.keys().forEach(k -> seen.add(new String(k, StandardCharsets.UTF_8)));
                if (batch.isFinished()) {
                    break;
                }
                KeyScan from = batch;
                batch = redis.batch(p -> p.scan(from, match, 30)).await();
            }
            assertThat(seen).hasSize(90).doesNotHaveDuplicates();
            seen.forEach(k -> redis.lettuce(r -> r.del(k.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void aGatedPushWorksOnEveryMasterBecauseTheTurnAndTheBufferShareASlot() {
        Map<String, String> env = Map.of("REDIS_URL", cluster.url(), "PENDING_CONSOLE_HOME", home.toString());
        List<String> sessions = IntStream.range(0, 12).mapToObj(i -> "gated-" + i).toList();
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(cluster.url()))) {
            for (int i = 0; i < sessions.size(); i++) {
                String status = i % 2 == 0 ? "running" : "completed";
                byte[] meta = ("chat:task:meta:{" + sessions.get(i) + "}").getBytes(StandardCharsets.UTF_8);
                redis.lettuce(r -> r.hset(meta, "status".getBytes(StandardCharsets.UTF_8),
                        status.getBytes(StandardCharsets.UTF_8)));
            }
            for (int i = 0; i < sessions.size(); i++) {
                CliRun run = CliRun.run(env, "push", sessions.get(i), "--content", "hi", "--only-if-running");
                byte[] key = ("copilot:pending:{" + sessions.get(i) + "}").getBytes(StandardCharsets.UTF_8);
                long length = redis.lettuce(r -> r.llen(key));
                if (i % 2 == 0) {
                    assertThat(run.exitCode()).as(run.err()).isZero();
                    assertThat(length).isEqualTo(1);
                } else {
                    assertThat(run.exitCode()).isEqualTo(1);
                    assertThat(run.err()).contains("no running turn");
                    assertThat(length).isZero();
                }
                redis.lettuce(r -> r.del(key));
            }
        }
    }
}
