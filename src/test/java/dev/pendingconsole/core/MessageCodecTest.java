package dev.pendingconsole.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MessageCodecTest {

    private static BufferEntry decode(String text) {
        return MessageCodec.SEED.decode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(String text) {
        BufferEntry entry = decode(text);
        assertThat(entry).isInstanceOf(BufferEntry.Invalid.class);
        return ((BufferEntry.Invalid) entry).reason();
    }

    @Test
    void keepsEveryUnknownFieldAsItsExactSourceText() {
        String raw = "{\"id\":\"6f1c\",\"content\":\"hi\",\"enqueued_at\":1764000000.1230,"
                + "\"metadata\":{\"a\": [1, 2.50, null], \"b\":\"\\u00e9\"},\"score\":NaN,\"big\":1e400,"
                + "\"flag\":false,\"nothing\":null}";
        StoredMessage message = ((BufferEntry.Valid) decode(raw)).message();
        assertThat(message.unknownFields()).containsExactly(
                entry("id", "\"6f1c\""),
                entry("enqueued_at", "1764000000.1230"),
                entry("metadata", "{\"a\": [1, 2.50, null], \"b\":\"\\u00e9\"}"),
                entry("score", "NaN"),
                entry("big", "1e400"),
                entry("flag", "false"),
                entry("nothing", "null"));
    }

    private static Map.Entry<String, String> entry(String k, String v) {
        return Map.entry(k, v);
    }

    @Test
    void keepsTheOriginalBytesOfEveryEntry() {
        byte[] raw = "{ \"content\" : \"hi\" , \"x\" : 1 }".getBytes(StandardCharsets.UTF_8);
        assertThat(MessageCodec.SEED.decode(raw).raw().bytes()).isEqualTo(raw);
        byte[] binary = {(byte) 0xff, 0, 1, 2};
        assertThat(MessageCodec.SEED.decode(binary).raw().bytes()).isEqualTo(binary);
    }

    @Test
    void explainsWhyAnEntryIsInvalid() {
        assertThat(reason("{}")).isEqualTo("content is missing");
        assertThat(reason("{\"content\":\"\"}")).isEqualTo("content is empty");
        assertThat(reason("{\"content\":7}")).isEqualTo("content is a number, not a string");
        assertThat(reason("{\"content\":\"x\",\"file_ids\":null}")).isEqualTo("file_ids is null, not a list of strings");
        assertThat(reason("{\"content\":\"x\",\"file_ids\":[\"a\",{}]}")).isEqualTo("file_ids[1] is an object, not a string");
        assertThat(reason("{\"content\":\"x\",\"context\":[]}")).isEqualTo("context is an array, not an object");
        assertThat(reason("{\"content\":\"x\",\"context\":{\"url\":5}}")).isEqualTo("context.url is a number, not a string");
        assertThat(reason("[1]")).isEqualTo("a JSON array, not an object");
        assertThat(reason("{\"content\":\"x\"} {}")).isEqualTo("trailing data after the JSON object");
        assertThat(reason("")).isEqualTo("empty payload, not a JSON object");
        assertThat(reason("{\"content\":\"" + "y".repeat(16_001) + "\"}"))
                .isEqualTo("content has 16001 characters; the backend's limit is 16000");
        assertThat(reason("{\"content\":\"hi\"")).startsWith("malformed JSON: ").contains("line 1");
        byte[] latin1 = "{\"content\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(((BufferEntry.Invalid) MessageCodec.SEED.decode(latin1)).reason())
                .isEqualTo("not valid UTF-8 (byte 0xE9 at offset 15); the backend's drain fails on it");
    }

    @Test
    void aWiderContentLimitAcceptsNewerWritersLongerMessages() {
        byte[] raw = ("{\"content\":\"" + "y".repeat(32_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(MessageCodec.SEED.decode(raw)).isInstanceOf(BufferEntry.Invalid.class);
        assertThat(new MessageCodec(32_000).decode(raw)).isInstanceOf(BufferEntry.Valid.class);
    }

    @Test
    void neverThrowsOnRandomBytes() {
        Random random = new Random(20261124);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (i % 3 == 0 && bytes.length > 2) {
                bytes[0] = '{';
                bytes[bytes.length - 1] = '}';
            }
            assertThat(MessageCodec.SEED.decode(bytes)).isNotNull();
        }
    }

    @Test
    void neverThrowsOnRandomJsonLikeText() {
        Random random = new Random(7);
        String alphabet = "{}[]\":,\\ntrufalsecontxfile_ids0123456789.-eE \u00e9\ud83d\ude00\u0000";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder("{\"content\":");
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(decode(s.toString())).isNotNull();
        }
    }

    @Test
    void randomValidMessagesRoundTripByteForByte() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            String content = randomText(random, 1 + random.nextInt(60));
            List<String> ids = random.nextBoolean() ? List.of() : List.of(randomText(random, 5), randomText(random, 3));
            PendingMessageContext context = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> new PendingMessageContext(randomText(random, 10), null);
                default -> new PendingMessageContext(null, randomText(random, 20));
            };
            PendingMessage message = new PendingMessage(content, ids, context);
            byte[] bytes = MessageCodec.encode(message);
            StoredMessage back = ((BufferEntry.Valid) MessageCodec.SEED.decode(bytes)).message();
            assertThat(back.content()).isEqualTo(content);
            assertThat(back.fileIds()).isEqualTo(ids);
            assertThat(back.context()).isEqualTo(context);
            assertThat(MessageCodec.encode(new PendingMessage(back.content(), back.fileIds(), back.context())))
                    .isEqualTo(bytes);
        }
    }

    /** Any code points but lone surrogates, including controls, quotes, backslashes and astral ones. */
    private static String randomText(Random random, int codePoints) {
        StringBuilder s = new StringBuilder();
        while (s.codePointCount(0, s.length()) < codePoints) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0xD800 - 0x80);
                case 2 -> 0xE000 + random.nextInt(0x10000 - 0xE000);
                default -> 0x10000 + random.nextInt(0x10FFFF - 0x10000);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
