package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.devtools.LocalRedis;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.ControlledRedis;
import dev.pendingconsole.support.Door;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master, a replica and a Sentinel, started here. The console connects through the Sentinel, a failover
 * swaps the roles, and the same gateway keeps reading and writing, now on the new master.
 */
@Tag("slow") // minutes of servers started, killed or put to sleep: mvn test -DexcludedGroups=slow skips them
class SentinelTest {

    private static final SessionId SESSION = SessionId.of("sentinel-s");

    @TempDir
    Path home;

    @Test
    void theConsoleFollowsAFailoverAndKeepsWorking() throws Exception {
        try (LocalRedis master = LocalRedis.start();
             LocalRedis replica = LocalRedis.start(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
             LocalRedis sentinel = ControlledRedis.startSentinel("pending", master.port())) {
            String url = "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#pending";
            try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(url, Duration.ofSeconds(3)));
                 RedisGateway onReplica = RedisGateway.open(RedisTarget.parse(replica.url()))) {
                PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
                assertThat(buffers.push(SESSION, PendingMessage.of("before the failover")).length()).isEqualTo(1);
                PendingBuffers replicaBuffers = new PendingBuffers(onReplica, KeySchema.SEED);
                waitFor("the replica has the message", () -> replicaBuffers.count(SESSION) == 1);
                waitFor("the sentinel sees the replica up and linked", () -> {
                    String replicas = sentinel(sentinel, "SENTINEL", "REPLICAS", "pending");
                    return replicas.contains(Integer.toString(replica.port())) && replicas.contains("flags, slave,")
                            && replicas.contains("master-link-status, ok");
                });
                // refused now and then while the sentinel is still gathering the replica's INFO: ask again
                String[] reply = {""};
                waitFor("the sentinel accepts the failover", () -> {
                    reply[0] = sentinel(sentinel, "SENTINEL", "FAILOVER", "pending");
                    return !reply[0].startsWith("error");
                });
                waitFor("the replica is the new master", () -> sentinel(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "pending")
                        .contains(Integer.toString(replica.port())));
                waitFor("the old master follows the new one", () -> info(master).contains("role:slave"));

                // the gateway's old connection went away with the failover; the next calls find the new master
                waitFor("reads work again", () -> {
                    try {
                        return buffers.count(SESSION) == 1;
                    } catch (RedisFailure e) {
                        return false;
                    }
                });
                assertThat(buffers.push(SESSION, PendingMessage.of("after the failover")).length()).isEqualTo(2);
                assertThat(info(replica)).contains("role:master");
                assertThat(replicaBuffers.count(SESSION)).as("written to the new master").isEqualTo(2);
                Operations ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
                assertThat(ops.scan().all(SessionScan.Options.ALL)).hasSize(1);
                assertThat(new Door(redis, ops, home).probeWrites()).isEmpty();
            }
        }
    }

    private static String sentinel(LocalRedis sentinel, String... command) {
        return raw(sentinel.url(), command);
    }

    private static String info(LocalRedis server) {
        return raw(server.url(), "INFO", "replication");
    }

    private static String raw(String url, String... command) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            CommandArgs<String, String> args =
                    new CommandArgs<>(StringCodec.UTF8);
            for (int i = 1; i < command.length; i++) {
                args.add(command[i]);
            }
            ProtocolKeyword keyword = () -> command[0].getBytes(StandardCharsets.US_ASCII);
            Object reply = c.sync().dispatch(keyword, new NestedMultiOutput<>(
                    StringCodec.UTF8), args);
            return String.valueOf(reply);
        } catch (RuntimeException e) {
            return "error: " + e.getMessage();
        } finally {
            client.shutdown();
        }
    }

    private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
