package dev.pendingconsole.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The codec against vectors produced by the seed's own Python module under pydantic 2
 * ({@code src/test/python/make_golden_vectors.py}): exact payload bytes, exact model view, the
 * endpoint's rejections, and which stored entries the backend's drain accepts.
 */
class GoldenVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> encodesExactlyThePydanticBytes() throws IOException {
        return vectors("encode.json").map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            PendingMessage message = messageFrom(v.get("input"));
            byte[] expected = v.get("payload").asText().getBytes(StandardCharsets.UTF_8);
            assertThat(MessageCodec.encode(message)).isEqualTo(expected);
            assertThat(message.modelView()).isEqualTo(v.get("model_view").asText());
        }));
    }

    @TestFactory
    Stream<DynamicTest> decodesEveryEncodedPayloadBackToTheSameFields() throws IOException {
        return vectors("encode.json").map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            PendingMessage message = messageFrom(v.get("input"));
            BufferEntry entry = MessageCodec.SEED.decode(MessageCodec.encode(message));
            assertThat(entry).isInstanceOf(BufferEntry.Valid.class);
            StoredMessage stored = ((BufferEntry.Valid) entry).message();
            assertThat(stored.content()).isEqualTo(message.content());
            assertThat(stored.fileIds()).isEqualTo(message.fileIds());
            assertThat(stored.context()).isEqualTo(message.context());
            assertThat(stored.unknownFields()).isEmpty();
            assertThat(stored.modelView()).isEqualTo(v.get("model_view").asText());
        }));
    }

    @TestFactory
    Stream<DynamicTest> refusesWhatTheEndpointRefusesNamingTheField() throws IOException {
        return vectors("reject.json").map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () ->
                assertThatThrownBy(() -> messageFrom(v.get("input")))
                        .isInstanceOf(InvalidMessageException.class)
                        .satisfies(e -> assertThat(((InvalidMessageException) e).field())
                                .startsWith(v.get("field").asText()))));
    }

    @TestFactory
    Stream<DynamicTest> acceptsExactlyWhatTheSeedDrainAccepts() throws IOException {
        return vectors("decode.json").map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            RawPayload raw = RawPayload.ofBase64(v.get("raw_base64").asText());
            BufferEntry entry = MessageCodec.SEED.decode(raw);
            assertThat(entry.raw()).isEqualTo(raw);
            if (v.get("seed").asText().equals("accepted")) {
                assertThat(entry).isInstanceOf(BufferEntry.Valid.class);
                StoredMessage message = ((BufferEntry.Valid) entry).message();
                assertThat(message.content()).isEqualTo(v.get("content").asText());
                assertThat(message.modelView()).isEqualTo(v.get("model_view").asText());
            } else {
                assertThat(entry).isInstanceOf(BufferEntry.Invalid.class);
                assertThat(((BufferEntry.Invalid) entry).reason()).isNotBlank();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> writesTodaysPayloadExactlyAsTodaysModelDoes() throws IOException {
        return vectors("encode_current.json").map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            JsonNode input = v.get("input");
            PendingMessage message = BackendGeneration.CURRENT.check(messageFromJson(input));
            byte[] payload = MessageCodec.encodeCurrent(message, UUID.fromString(input.get("id").asText()),
                    Double.parseDouble(input.get("enqueued_at").asText()), message.metadata());
            assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo(v.get("payload").asText());
            BufferEntry back = BackendGeneration.CURRENT.codec(KeySchema.SEED).decode(payload);
            assertThat(back).as("today's reader takes it back").isInstanceOf(BufferEntry.Valid.class);
        }));
    }

    @TestFactory
    Stream<DynamicTest> refusesWhatTodaysModelRefusesNamingTheField() throws IOException {
        return vectors("reject_current.json").map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () ->
                assertThatThrownBy(() -> BackendGeneration.CURRENT.check(messageFromJson(v.get("input"))))
                        .isInstanceOf(InvalidMessageException.class)
                        .satisfies(e -> assertThat(((InvalidMessageException) e).field())
                                .isEqualTo(v.get("field").asText()))));
    }

    /** As {@code push --message-json} reads a message: through the reader, which drops unknown context keys. */
    private static PendingMessage messageFromJson(JsonNode input) throws IOException {
        ObjectNode fields = JSON.createObjectNode();
        fields.set("content", input.get("content"));
        fields.set("file_ids", input.get("file_ids"));
        fields.set("context", input.get("context"));
        JsonNode metadata = input.get("metadata");
        List<String> ids = new ArrayList<>();
        input.get("file_ids").forEach(id -> ids.add(id.asText()));
        JsonNode ctx = input.get("context");
        BufferEntry read = new MessageCodec(Integer.MAX_VALUE).decode(JSON.writeValueAsBytes(fields));
        PendingMessageContext context = read instanceof BufferEntry.Valid valid ? valid.message().context()
                : ctx == null || ctx.isNull() ? null : new PendingMessageContext(textOrNull(ctx.get("url")), null);
        return new PendingMessage(input.get("content").asText(), ids, context,
                metadata == null || metadata.isNull() ? null : JSON.writeValueAsString(metadata));
    }

    static PendingMessage messageFrom(JsonNode input) {
        List<String> ids = new ArrayList<>();
        input.get("file_ids").forEach(id -> ids.add(id.asText()));
        JsonNode ctx = input.get("context");
        PendingMessageContext context = ctx == null || ctx.isNull() ? null
                : new PendingMessageContext(textOrNull(ctx.get("url")), textOrNull(ctx.get("content")));
        return BackendGeneration.SEED.check(new PendingMessage(input.get("content").asText(), ids, context));
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Stream<JsonNode> vectors(String file) throws IOException {
        try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/golden/" + file)) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).get("vectors").forEach(out::add);
            assertThat(out).isNotEmpty();
            return out.stream();
        }
    }
}
