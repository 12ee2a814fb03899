package dev.pendingconsole.ops;

import dev.pendingconsole.core.BackendChoice;
import dev.pendingconsole.core.BackendGeneration;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.support.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code --backend auto} takes a server for, and where a session that has no buffer yet would get one. */
@ExtendWith(RedisServer.class)
class BackendDetectionTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aServerWithOnlySeedKeysIsTheSeedsAndANewSessionGetsThePlainKey(RedisServer.Fresh redis) {
        redis.gateway().lettuce(r -> r.rpush(bytes("copilot:pending:old"), bytes("{\"content\":\"x\"}")));
        try (Workspace ws = redis.workspace(KeySchema.SEED, false)) {
            assertThat(ws.detectedGeneration()).isEqualTo(BackendGeneration.SEED);
            assertThat(ws.locate(SessionId.of("new")).layout()).isEqualTo(KeyLayout.PLAIN);
        }
    }

    @Test
    void anyHashTaggedTurnHashMakesItTodaysAndTheProfileSettingStillWins(RedisServer.Fresh redis) {
        for (int i = 0; i < 3_000; i++) { // the one current key hides among others: detection walks on
            redis.gateway().lettuce(r -> r.set(bytes("unrelated:" + System.nanoTime()), bytes("v")));
        }
        redis.gateway().lettuce(r -> r.hset(bytes("chat:task:meta:{someone}"), bytes("status"), bytes("running")));
        try (Workspace ws = redis.workspace(KeySchema.SEED, false)) {
            assertThat(ws.detectedGeneration()).isEqualTo(BackendGeneration.CURRENT);
            assertThat(ws.locate(SessionId.of("new")).layout()).isEqualTo(newSessionLayout(redis));
            ws.useBackend(BackendChoice.SEED);
            assertThat(ws.locate(SessionId.of("new")).layout()).isEqualTo(KeyLayout.PLAIN);
        }
    }

    @Test
    void aSessionsOwnTurnDecidesBeforeTheServer(RedisServer.Fresh redis) {
        redis.gateway().lettuce(r -> r.hset(bytes("chat:task:meta:{other}"), bytes("status"), bytes("running")));
        redis.gateway().lettuce(r -> r.hset(bytes("chat:task:meta:legacy"), bytes("status"), bytes("running")));
        try (Workspace ws = redis.workspace(KeySchema.SEED, false)) {
            assertThat(ws.locate(SessionId.of("legacy")).layout()).isEqualTo(KeyLayout.PLAIN);
            assertThat(ws.locate(SessionId.of("brand-new")).layout()).isEqualTo(newSessionLayout(redis));
        }
    }

    /**
     * Where a new session goes on a server that speaks today's backend: its layout when the server has
     * SPUBLISH (Redis 7), else the seed's, whose notify an older server can carry (issue 24, finding 4).
     */
    private static KeyLayout newSessionLayout(RedisServer.Fresh redis) {
        String info = redis.gateway().read(r -> r.info("server"));
        return ShardedWatch.majorVersion(info) >= 7 ? KeyLayout.HASH_TAG : KeyLayout.PLAIN;
    }
}
