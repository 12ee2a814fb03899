package dev.pendingconsole.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingMessageTest {

    @Test
    void limitsCountCodePointsLikePython() {
        String emoji = "\ud83d\ude00";
        assertThat(new PendingMessage(emoji.repeat(16_000), List.of(), null).content()).hasSize(32_000);
        assertThatThrownBy(() -> BackendGeneration.SEED.check(PendingMessage.of(emoji.repeat(16_001))))
                .hasMessage("content has 16001 characters; the limit is 16000");
    }

    @Test
    void eachGenerationHasItsOwnContentLimit() {
        PendingMessage long20k = PendingMessage.of("x".repeat(20_000));
        assertThat(BackendGeneration.CURRENT.check(long20k)).isSameAs(long20k);
        assertThatThrownBy(() -> BackendGeneration.SEED.check(long20k))
                .hasMessage("content has 20000 characters; the limit is 16000");
        assertThatThrownBy(() -> PendingMessage.of("x".repeat(32_001)))
                .hasMessage("content has 32001 characters; the limit is 32000");
    }

    @Test
    void metadataIsAJsonObjectWrittenCompactlyAndOnlyTodaysBackendTakesIt() {
        PendingMessage message = PendingMessage.of("x").withMetadata("{ \"a\" : [1, 2.50, \"\u00e9\"], \"b\": null }");
        assertThat(message.metadata()).isEqualTo("{\"a\":[1,2.5,\"\u00e9\"],\"b\":null}");
        assertThat(BackendGeneration.CURRENT.check(message)).isSameAs(message);
        assertThatThrownBy(() -> BackendGeneration.SEED.check(message))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("no metadata field");
        assertThatThrownBy(() -> PendingMessage.of("x").withMetadata("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> PendingMessage.of("x").withMetadata("{\"a\":1,\"a\":2}")).hasMessageContaining("key \"a\" twice");
        assertThatThrownBy(() -> PendingMessage.of("x").withMetadata("{\"a\":")).hasMessageContaining("not valid JSON");
    }

    @Test
    void errorsNameTheFieldAndTheLimit() {
        assertThatThrownBy(() -> PendingMessage.of("")).hasMessage("content must not be empty");
        assertThatThrownBy(() -> new PendingMessage("x", Collections.nCopies(21, "id"), null))
                .hasMessage("file_ids has 21 entries; the limit is 20");
        assertThatThrownBy(() -> new PendingMessage("x", List.of(), PendingMessageContext.ofUrl("u".repeat(2_001))))
                .hasMessage("context.url has 2001 characters; the limit is 2000");
        assertThatThrownBy(() -> new PendingMessage("x", List.of(), new PendingMessageContext(null, "c".repeat(32_001))))
                .hasMessage("context.content has 32001 characters; the limit is 32000");
    }

    @Test
    void refusesLoneSurrogatesWhichUtf8CannotCarry() {
        assertThatThrownBy(() -> PendingMessage.of("a\ud800b"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("lone surrogate U+D800 at index 1");
    }

    @Test
    void isImmutable() {
        List<String> ids = new ArrayList<>(List.of("a"));
        PendingMessage message = new PendingMessage("x", ids, null);
        ids.add("b");
        assertThat(message.fileIds()).containsExactly("a");
        assertThatThrownBy(() -> message.fileIds().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}
