package dev.pendingconsole.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class KeySchemaTest {

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void defaultsAreTheSeeds() {
        KeySchema seed = KeySchema.SEED;
        SessionId s = SessionId.of("abc");
        assertThat(text(seed.bufferKey(s))).isEqualTo("copilot:pending:abc");
        assertThat(text(seed.notifyChannel(s))).isEqualTo("copilot:pending:notify:abc");
        assertThat(text(seed.metaKey(s))).isEqualTo("chat:task:meta:abc");
        assertThat(seed.cap()).isEqualTo(10);
        assertThat(seed.ttl()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(seed.publishMode()).isEqualTo(PublishMode.PUBLISH);
        assertThat(text(seed.notifyPayload())).isEqualTo("1");
    }

    @Test
    void hashTagLayoutWrapsTheSessionInBraces() {
        KeySchema tagged = KeySchema.SEED.withLayout(KeyLayout.HASH_TAG);
        SessionId s = SessionId.of("abc");
        assertThat(text(tagged.bufferKey(s))).isEqualTo("copilot:pending:{abc}");
        assertThat(text(tagged.notifyChannel(s))).as("the notify channel has no hash tag (SPEC §1b)")
                .isEqualTo("copilot:pending:notify:abc");
        assertThat(tagged.sessionOf(tagged.bufferKey(s))).contains(s);
        assertThat(tagged.sessionOf("copilot:pending:abc".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void oddSessionIdsAreUsedLiterally() {
        for (String id : new String[] {"a*b?[c]\\d", "with space", "new\nline", "\u00e9\ud83d\ude00", "{x}"}) {
            SessionId s = SessionId.of(id);
            assertThat(text(KeySchema.SEED.bufferKey(s))).isEqualTo("copilot:pending:" + id);
            assertThat(KeySchema.SEED.sessionOf(KeySchema.SEED.bufferKey(s))).contains(s);
        }
    }

    @Test
    void keysOutsideThePrefixNameNoSession() {
        assertThat(KeySchema.SEED.sessionOf("other:abc".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(KeySchema.SEED.sessionOf("copilot:pending:".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
