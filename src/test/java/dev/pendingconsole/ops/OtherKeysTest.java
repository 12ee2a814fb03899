package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.support.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys under the prefix that are not buffers: said for what they are, trouble flagged, and a bounded look at them. */
@ExtendWith(RedisServer.class)
class OtherKeysTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aHashWhereABufferBelongsIsTroubleAndItsFieldsCanBeRead(RedisServer.Fresh redis) {
        redis.gateway().lettuce(r -> r.hset(bytes("copilot:pending:broken"), Map.of(bytes("a"), bytes("1"), bytes("b"), bytes("2"))));
        redis.gateway().lettuce(r -> r.set(bytes("copilot:pending:calls:user-1"), bytes("7")));
        try (Workspace ws = redis.workspace(KeySchema.SEED, false)) {
            OtherKey hash = new OtherKey(bytes("copilot:pending:broken"), "hash", Optional.empty());
            assertThat(hash.isTrouble(KeySchema.SEED)).isTrue();
            assertThat(hash.role(KeySchema.SEED)).contains("WRONGTYPE");
            assertThat(ws.peekOther(hash)).contains("(hash)", "a = 1", "b = 2");
            OtherKey counter = new OtherKey(bytes("copilot:pending:calls:user-1"), "string", Optional.empty());
            assertThat(counter.isTrouble(KeySchema.SEED)).isFalse();
            assertThat(counter.role(KeySchema.SEED)).isEqualTo("a user's push rate-limit counter");
            assertThat(ws.peekOther(counter)).endsWith("7");
        }
    }
}
