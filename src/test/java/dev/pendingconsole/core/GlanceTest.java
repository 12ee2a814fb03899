package dev.pendingconsole.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan's glance at an entry ({@link MessageCodec#glance}) says exactly what the full decoder says:
 * readable or not, and the same enqueued_at text. Its one-pass recogniser answers for what the backends
 * write and leaves everything else to the decoder.
 */
class GlanceTest {

    private static final MessageCodec SHORT = new MessageCodec(5);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void agrees(MessageCodec codec, byte[] bytes) {
        Glance expected = Glance.of(codec.decode(bytes));
        assertThat(codec.glance(bytes)).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
        Glance quick = CompactEntry.glance(bytes, codec.maxContent());
        if (quick != null) {
            assertThat(quick).as("recogniser on " + new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void recognisesWhatTheBackendsWriteWithoutTheDecoder() {
        PendingMessage seed = new PendingMessage("hello there", List.of("f-1", "f-2"), new PendingMessageContext("https://x.test/a", null));
        byte[] seedBytes = MessageCodec.encode(seed);
        assertThat(CompactEntry.glance(seedBytes, MessageCodec.SEED.maxContent())).isEqualTo(Glance.READABLE);

        byte[] current = MessageCodec.encodeCurrent(seed, UUID.randomUUID(), 1764000000.123456, "{\"source\":\"web\",\"n\":[1,2.5,{\"x\":null}]}");
        Glance glance = CompactEntry.glance(current, 32_000);
        assertThat(glance).isEqualTo(new Glance(true, "1764000000.123456"));
        assertThat(glance.enqueuedAt()).contains(Instant.ofEpochSecond(1764000000L, 123456000L));
        agrees(MessageCodec.SEED, seedBytes);
        agrees(MessageCodec.SEED, current);
    }

    @Test
    void answersAsTheDecoderOnEveryOddEntry() {
        List<String> odd = List.of(
                "", "{}", "[]", "null", "\"x\"", "{\"content\":\"\"}", "{\"content\":\"123456\"}", "{\"content\":\"12345\"}",
                "{\"content\":7}", "{\"content\":null}", "{\"content\":\"a\",\"content\":\"b\"}", "{\"content\":\"a\",\"content\":\"\"}",
                "{\"content\":\"a\"} ", " {\"content\":\"a\"}", "{ \"content\":\"a\"}", "{\"content\" : \"a\"}",
                "{\"content\":\"a\"}x", "{\"content\":\"a\"}{}", "{\"content\":\"a\",}", "{\"content\":\"a\"",
                "{\"content\":\"a\\u0041\"}", "{\"content\":\"a\\\"\"}", "{\"content\":\"é\"}", "{\"content\":\"a\tb\"}",
                "{\"content\":\"a\u007f\"}", "{\"content\":\"a\",\"file_ids\":null}", "{\"content\":\"a\",\"file_ids\":[]}",
                "{\"content\":\"a\",\"file_ids\":[\"x\",1]}", "{\"content\":\"a\",\"file_ids\":[\"x\",]}", "{\"content\":\"a\",\"file_ids\":\"x\"}",
                "{\"content\":\"a\",\"context\":{}}", "{\"content\":\"a\",\"context\":{\"url\":null,\"content\":\"c\"}}",
                "{\"content\":\"a\",\"context\":{\"url\":5}}", "{\"content\":\"a\",\"context\":{\"other\":5}}",
                "{\"content\":\"a\",\"context\":{\"url\":\"u\",\"url\":\"v\"}}", "{\"content\":\"a\",\"context\":[]}",
                "{\"content\":\"a\",\"context\":null,\"context\":null}",
                "{\"content\":\"a\",\"enqueued_at\":1764000000.5}", "{\"content\":\"a\",\"enqueued_at\":\"1764000000.5\"}",
                "{\"content\":\"a\",\"enqueued_at\":1764000000.5,\"enqueued_at\":1}", "{\"content\":\"a\",\"enqueued_at\":-0}",
                "{\"content\":\"a\",\"enqueued_at\":1e3}", "{\"content\":\"a\",\"enqueued_at\":1E+3}", "{\"content\":\"a\",\"enqueued_at\":1.}",
                "{\"content\":\"a\",\"enqueued_at\":01}", "{\"content\":\"a\",\"enqueued_at\":.5}", "{\"content\":\"a\",\"enqueued_at\":NaN}",
                "{\"content\":\"a\",\"enqueued_at\":Infinity}", "{\"content\":\"a\",\"enqueued_at\":-Infinity}", "{\"content\":\"a\",\"enqueued_at\":+1}",
                "{\"content\":\"a\",\"enqueued_at\":1e400}", "{\"content\":\"a\",\"enqueued_at\":null}", "{\"content\":\"a\",\"enqueued_at\":tru}",
                "{\"content\":\"a\",\"metadata\":{\"a\":[1,{\"b\":[true,false,null]}],\"c\":\"d\"}}", "{\"content\":\"a\",\"metadata\":{\"a\":}}",
                "{\"content\":\"a\",\"metadata\":{\"a\":1,}}", "{\"content\":\"a\",\"metadata\":{1:2}}", "{\"content\":\"a\",\"x\":1,\"x\":2}",
                "{\"content\":\"a\",\"id\":\"" + UUID.randomUUID() + "\",\"enqueued_at\":1764000000.25,\"metadata\":null}",
                "{\"content\":\"a\",\"" + "k".repeat(60_000) + "\":1}", "{\"content\":\"a\",\"n\":" + "9".repeat(2_000) + "}",
                "{\"content\":\"a\",\"deep\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "{\"content\":\"a\",\"deep\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");
        for (String text : odd) {
            agrees(SHORT, utf8(text));
            agrees(MessageCodec.SEED, utf8(text));
        }
        agrees(MessageCodec.SEED, new byte[]{'{', '"', 'c', (byte) 0xff, '"', '}'});
        agrees(MessageCodec.SEED, new byte[]{(byte) 0xfe, (byte) 0xff, 0, '{'});
    }

    /** Every byte of real entries changed, dropped or doubled in turn: the two readers never disagree. */
    @Test
    void agreesWithTheDecoderOnEveryMutationOfRealEntries() {
        List<byte[]> entries = new ArrayList<>();
        PendingMessage message = new PendingMessage("hi there", List.of("f1"), new PendingMessageContext("https://x.test", "page"));
        entries.add(MessageCodec.encode(message));
        // a content long enough to be read eight bytes at a time, a change at every offset of its words
        entries.add(MessageCodec.encode(new PendingMessage("benchmark message 3 xxxxxxxxxxxxxxxxxxxxxxxxx", List.of(), null)));
        entries.add(MessageCodec.encodeCurrent(message, UUID.fromString("6f1c0f9e-0000-4000-8000-000000000001"),
                1764000000.123, "{\"a\":[1,-2.5e-3,true,null],\"b\":{}}"));
        byte[] alphabet = utf8("{}[]\":,.-+eE0123456789 \\tfnu\u007fa\t");
        Random random = new Random(7);
        int checked = 0;
        for (byte[] entry : entries) {
            for (int at = 0; at < entry.length; at++) {
                for (byte b : alphabet) {
                    byte[] changed = entry.clone();
                    changed[at] = b;
                    agrees(SHORT, changed);
                    agrees(MessageCodec.SEED, changed);
                    checked++;
                }
                byte[] dropped = new byte[entry.length - 1];
                System.arraycopy(entry, 0, dropped, 0, at);
                System.arraycopy(entry, at + 1, dropped, at, entry.length - at - 1);
                agrees(MessageCodec.SEED, dropped);
                byte[] doubled = new byte[entry.length + 1];
                System.arraycopy(entry, 0, doubled, 0, at + 1);
                System.arraycopy(entry, at, doubled, at + 1, entry.length - at);
                agrees(MessageCodec.SEED, doubled);
                byte[] high = entry.clone();
                high[at] = (byte) (0x80 | random.nextInt(0x80));
                agrees(MessageCodec.SEED, high);
            }
        }
        assertThat(checked).isGreaterThan(5_000);
    }
}
