package dev.pendingconsole.cli;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.OtherKey;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.TurnStatus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** `list --json` on one line: rows encoded as they come, copied out in the sorted order, whatever is held. */
class ListJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<BufferSummary> buffers = new ArrayList<>();
    private final List<OtherKey> others = new ArrayList<>();

    ListJsonTest() {
        for (int i = 0; i < 300; i++) {
            String id = i % 7 == 0 ? "quote\" back\\slash\n" + i : i % 11 == 0 ? "caf\u00e9 \ud83d\ude00 \u0800\uffff " + i
                    : i % 17 == 0 ? "ctl \u0000\u0001\b\t\f\r\u001f\u007f/\u0080\u07ff " + i : "s-" + i;
            buffers.add(new BufferSummary(new BufferRef(SessionId.of(id), i % 2 == 0 ? KeyLayout.PLAIN : KeyLayout.HASH_TAG),
                    i == 299 ? 3_000_000_000L : 1 + i % 10,
                    i % 5 == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(i % 37 == 1 ? 123_456_789_012L : 1_000L * i + i)),
                    Optional.of(Duration.ofMillis(7L * i)),
                    i % 3 == 0 ? Optional.of(new TurnStatus(i % 9 == 0 ? null : "completed", i % 6 == 0 ? null : "u-\u00e9\"" + i,
                            null, null, null)) : Optional.empty(),
                    i % 13 == 0 ? 1 : 0, i % 5 == 0 ? Set.of(StuckReason.NO_TTL, StuckReason.IDLE)
                            : i % 23 == 0 ? Set.of(StuckReason.values()) : Set.of(),
                    i % 4 == 0 ? List.of(0, 3, 9) : List.of(), Optional.empty(), 100L * i));
        }
        for (int i = 0; i < 200; i++) {
            byte[] key = i % 10 == 9 ? new byte[] {'k', (byte) 0xff, (byte) 0xc3, 0x01, (byte) (i & 0x7f)}
                    : ("copilot:pending:calls:\"u\"-" + i).getBytes(StandardCharsets.UTF_8);
            others.add(new OtherKey(key, i % 2 == 0 ? "string" : i % 7 == 0 ? "ReJSON-RL" : "hash",
                    i % 3 == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(i % 11 == 1 ? 99_999_999_999L : 500L * i))));
        }
    }

    private String document(long heldAtMost, int[] order) throws Exception {
        ListJson json = new ListJson(heldAtMost);
        for (int i = 0; i < Math.max(buffers.size(), others.size()); i++) { // interleaved, as pages bring them
            if (i < buffers.size()) {
                json.add(buffers.get(i));
            }
            if (i < others.size()) {
                json.addOther(others.get(i));
            }
        }
        assertThat(json.order()).as("the order from the ids and flags it keeps").isEqualTo(order);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.writeTo(out, order, 12_345);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDocumentIsTheSameWhateverPartOfItWasHeld() throws Exception {
        int[] order = ListCommand.stuckFirstOrder(buffers);
        String allHeld = document(ListJson.HELD_AT_MOST, order);
        for (long heldAtMost : new long[] {0, 1, 5_000, 40_000, 70_000}) {
            assertThat(document(heldAtMost, order)).as("holding at most %d bytes", heldAtMost).isEqualTo(allHeld);
        }
    }

    @Test
    void theDocumentIsWhatTheGeneratorWritesForThem() throws Exception {
        int[] order = ListCommand.stuckFirstOrder(buffers);
        JsonNode doc = JSON.readTree(document(ListJson.HELD_AT_MOST, order));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (JsonGenerator g = Output.Streaming.FACTORY.createGenerator(expected)) {
            ListJson.writeDocument(g, buffers, order, others, 12_345); // the path --pretty and --limit take
        }
        assertThat(document(ListJson.HELD_AT_MOST, order)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
        assertThat(doc.get("buffers")).hasSize(300);
        assertThat(doc.get("buffers").get(0).get("stuck").toString()).isEqualTo("[\"idle\",\"no-ttl\"]");
        assertThat(doc.get("other_keys")).hasSize(200);
    }
}
