package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan reads each key's buffer from its name in one pass ({@link BufferRef#fromKey}); it must say what
 * the schema's own reading says ({@link KeySchema#sessionOf} under the hash-tag layout, then the plain
 * one, reserved names excluded), on every odd key.
 */
class BufferRefTest {

    /** The reading the one-pass one replaced, kept here as the reference. */
    private static Optional<BufferRef> byTheSchema(KeySchema schema, byte[] key) {
        byte[] prefix = schema.prefix().getBytes(StandardCharsets.UTF_8);
        if (key.length <= prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
            return Optional.empty();
        }
        for (String reserved : BufferRef.RESERVED) {
            byte[] r = reserved.getBytes(StandardCharsets.UTF_8);
            if (key.length >= prefix.length + r.length
                    && Arrays.equals(key, prefix.length, prefix.length + r.length, r, 0, r.length)) {
                return Optional.empty();
            }
        }
        var tagged = schema.withLayout(KeyLayout.HASH_TAG).sessionOf(key);
        if (tagged.isPresent()) {
            return Optional.of(new BufferRef(tagged.get(), KeyLayout.HASH_TAG));
        }
        return schema.withLayout(KeyLayout.PLAIN).sessionOf(key).map(s -> new BufferRef(s, KeyLayout.PLAIN));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void readsEveryOddKeyAsTheSchemaDoes() {
        List<String> tails = List.of("", "a", "{", "}", "{}", "{a}", "{{a}}", "{a}b", "a{b}", "{a", "a}", "{é}", "é",
                "calls:", "calls:x", "calls", "client-msg:1:m", "client-msg", "notify:", "notify:s", "notif",
                "{calls:x}", " ", "\n", "😀", "s-1", "{s-tag}", "x:calls:");
        List<byte[]> keys = new ArrayList<>();
        for (KeySchema schema : List.of(KeySchema.SEED, KeySchema.SEED.withLayout(KeyLayout.HASH_TAG),
                KeySchema.SEED.withPrefix("é:"), KeySchema.SEED.withPrefix("{"))) {
            byte[] prefix = schema.prefix().getBytes(StandardCharsets.UTF_8);
            keys.clear();
            for (String tail : tails) {
                keys.add(concat(prefix, tail.getBytes(StandardCharsets.UTF_8)));
            }
            keys.add(concat(prefix, new byte[] {(byte) 0xff, (byte) 0xfe}));
            keys.add(concat(prefix, new byte[] {'{', (byte) 0xc3, '}'}));
            keys.add(Arrays.copyOf(prefix, prefix.length - 1));
            keys.add("other:app:key".getBytes(StandardCharsets.UTF_8));
            keys.add(new byte[0]);
            Random random = new Random(7);
            for (int i = 0; i < 2_000; i++) {
                byte[] tail = new byte[random.nextInt(6)];
                for (int j = 0; j < tail.length; j++) {
                    tail[j] = (byte) "{}:ca\u00ff".charAt(random.nextInt(6));
                }
                keys.add(concat(prefix, tail));
            }
            for (byte[] key : keys) {
                assertThat(BufferRef.fromKey(schema, key)).as(new String(key, StandardCharsets.UTF_8))
                        .isEqualTo(byTheSchema(schema, key));
            }
        }
    }
}
