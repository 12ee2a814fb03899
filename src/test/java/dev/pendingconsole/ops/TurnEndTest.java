package dev.pendingconsole.ops;

import dev.pendingconsole.redis.Reads;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 25: how a turn ended, from the last chunks of its stream, newest first, whatever else they hold. */
class TurnEndTest {

    private static Reads.StreamEntry chunk(String id, String data) {
        return new Reads.StreamEntry(id, data == null ? Map.of("other", "x") : Map.of("data", data));
    }

    @Test
    void theNewestFinishAndErrorWinAndChunksThatAreNotJsonSayNothing() {
        TurnEnd end = TurnEnd.of(List.of(
                chunk("1764213000500-0", "{\"type\":\"finish\"}"),
                chunk("1764213000400-0", "not json"),
                chunk("1764213000300-1", null),
                chunk("1764213000300-0", "{\"type\":\"error\",\"errorText\":\"second\"}"),
                chunk("1764213000200-0", "{\"type\":\"error\",\"errorText\":\"first\",\"code\":\"x\"}"),
                chunk("1764213000100-0", "{\"type\":\"finish\"}")));
        assertThat(end.found()).isTrue();
        assertThat(end.endedAt()).contains(Instant.ofEpochMilli(1764213000500L));
        assertThat(end.error()).contains("second");
    }

    @Test
    void aStreamWithoutFinishOrErrorSaysSoAndAMissingStreamIsNotKnown() {
        TurnEnd open = TurnEnd.of(List.of(chunk("5-0", "{\"type\":\"text-delta\",\"delta\":\"hi\"}")));
        assertThat(open.describe(Instant.now())).isEqualTo("No finish chunk in its stream's last 50; no error in its stream's last 50 chunks.");
        assertThat(TurnEnd.of(List.of()).describe(Instant.now())).startsWith("Its stream has expired");
    }
}
