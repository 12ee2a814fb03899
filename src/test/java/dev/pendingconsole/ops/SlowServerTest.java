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
import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.TestRedis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server that stops answering (DEBUG SLEEP blocks it whole; CLIENT PAUSE holds other clients'
 * commands): every call ends at its timeout with a clear message, nothing is retried, and the next call
 * after the server wakes up works on the same gateway.
 */
@Tag("slow") // minutes of servers started, killed or put to sleep: mvn test -DexcludedGroups=slow skips them
class SlowServerTest {

    private static final SessionId SESSION = SessionId.of("slow");
    private static final Duration TIMEOUT = Duration.ofMillis(600);

    @TempDir
    Path home;
    private LocalRedis server;
    private RedisClient admin;
    private StatefulRedisConnection<String, String> adminConnection;

    @BeforeEach
    void start() {
        server = LocalRedis.start();
        admin = RedisClient.create(server.url());
        adminConnection = admin.connect();
    }

    @AfterEach
    void stop() {
        adminConnection.close();
        admin.shutdown();
        server.close();
    }

    /** Blocks the whole server for {@code ms}; skips the test where DEBUG is disabled. */
    private CompletableFuture<Void> sleepServer(int ms) {
        return TestRedis.sleepServer(server.url(), ms / 1000.0);
    }

    private static RedisFailure.Kind kindOf(Throwable e) {
        return ((RedisFailure) e).kind();
    }

    @Test
    void readsTimeOutDuringDebugSleepAndTheGatewayWorksAfterwards() throws Exception {
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(server.url(), TIMEOUT))) {
            PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
            buffers.push(SESSION, PendingMessage.of("before the sleep"));
            CompletableFuture<Void> sleeping = sleepServer(5_000);
            Thread.sleep(200); // the DEBUG SLEEP has reached the server

            assertThatThrownBy(() -> buffers.peek(SESSION, 0, 10))
                    .isInstanceOf(RedisFailure.class)
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.TIMEOUT))
                    .hasMessageContaining("did not answer in time");
            Operations ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
            assertThatThrownBy(() -> ops.scan().all(SessionScan.Options.ALL))
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.TIMEOUT));
            assertThat(sleeping).as("each call ended at its timeout, while the server still slept").isNotDone();

            sleeping.get();
            assertThat(buffers.peek(SESSION, 0, 10).entries()).hasSize(1);
            assertThat(ops.scan().all(SessionScan.Options.ALL)).hasSize(1);
        }
    }

    @Test
    void aPushHeldByClientPauseIsOutcomeUnknownAndHappensOnceNotTwice() throws Exception {
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(server.url(), TIMEOUT))) {
            PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
            buffers.push(SessionId.of("warm-up"), PendingMessage.of("loads the script")); // so the held EVALSHA can run
            adminConnection.sync().clientPause(2_000);

            assertThatThrownBy(() -> buffers.push(SESSION, PendingMessage.of("held")))
                    .isInstanceOf(RedisFailure.class)
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RedisFailure.Kind.OUTCOME_UNKNOWN))
                    .hasMessageContaining("outcome unknown").hasMessageContaining("not retried");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) { // until the pause ends and the server runs the held script
                try {
                    if (buffers.count(SESSION) > 0) {
                        break;
                    }
                } catch (RedisFailure stillPaused) {
                    // the read timed out behind the pause: ask again
                }
            }
            assertThat(buffers.count(SESSION)).as("the push happened once; nobody retried it").isEqualTo(1);
            assertThat(buffers.push(SESSION, PendingMessage.of("after")).length()).isEqualTo(2);
        }
    }

    @Test
    void theCliReportsATimeoutInOneLineAndExitsOne() throws Exception {
        CompletableFuture<Void> sleeping = sleepServer(5_000);
        Thread.sleep(200);
        CliRun run = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()),
                "count", "slow", "--url", server.url(), "--timeout", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).contains("did not answer in time").doesNotContain("\n\tat ");
        assertThat(sleeping).as("the CLI gave up at its timeout, while the server still slept").isNotDone();
        sleeping.get();
    }
}
