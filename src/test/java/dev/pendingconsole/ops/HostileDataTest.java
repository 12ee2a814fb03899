package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PendingMessageContext;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.RedisServer;
import dev.pendingconsole.support.TestRedis;

import io.lettuce.core.RedisFuture;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Data nobody should have written: random bytes and strings through the codec, a 10 MB entry, a list of
 * a million entries, deeply nested JSON, JSON of the wrong shape. Nothing throws, nothing is read whole,
 * valid messages round-trip to the byte, and what cannot be read says why.
 */
@ExtendWith(RedisServer.class)
class HostileDataTest {

    private static final byte[] PREFIX = "copilot:pending:".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path home;
    private RedisGateway redis;
    private Operations ops;

    @BeforeEach
    void connect(RedisServer.Fresh server) {
        redis = server.gateway();
        ops = new Operations(redis, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT);
    }

    private static byte[] key(String session) {
        byte[] s = session.getBytes(StandardCharsets.UTF_8);
        byte[] k = Arrays.copyOf(PREFIX, PREFIX.length + s.length);
        System.arraycopy(s, 0, k, PREFIX.length, s.length);
        return k;
    }

    // ------------------------------------------------------------------ the codec, fuzzed

    private static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            int kind = random.nextInt(10);
            int cp = switch (kind) {
                case 0 -> random.nextInt(0x20);                        // control characters
                case 1 -> "\"\\/<>&'".charAt(random.nextInt(7));        // JSON and HTML specials
                case 2 -> 0x1F600 + random.nextInt(80);                 // emoji (surrogate pairs in Java)
                case 3 -> 0x4E00 + random.nextInt(2000);                // CJK
                case 4 -> 0x0300 + random.nextInt(0x70);                // combining marks
                case 5 -> 0x0590 + random.nextInt(0x100);               // Hebrew, Arabic
                case 6 -> random.nextBoolean() ? 0x2028 : 0xFEFF;       // line separator, BOM
                case 7 -> 0x10000 + random.nextInt(0xF0000);            // any supplementary plane
                default -> 0x20 + random.nextInt(0x5F);                 // printable ASCII
            };
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    @Test
    void validMessagesRoundTripByteForByte() {
        Random random = new Random(20261124);
        for (int i = 0; i < 3_000; i++) {
            String content = randomText(random, 300);
            if (content.isEmpty()) {
                content = "x";
            }
            List<String> files = new ArrayList<>();
            for (int f = random.nextInt(4); f > 0; f--) {
                files.add(randomText(random, 20));
            }
            PendingMessageContext context = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> new PendingMessageContext(randomText(random, 50), null);
                default -> new PendingMessageContext(random.nextBoolean() ? null : randomText(random, 50), randomText(random, 200));
            };
            PendingMessage message = new PendingMessage(content, files, context);
            byte[] encoded = MessageCodec.encode(message);
            BufferEntry decoded = MessageCodec.SEED.decode(encoded);
            assertThat(decoded).as("message %d decodes", i).isInstanceOf(BufferEntry.Valid.class);
            var stored = ((BufferEntry.Valid) decoded).message();
            assertThat(stored.content()).isEqualTo(content);
            assertThat(stored.fileIds()).isEqualTo(files);
            assertThat(MessageCodec.encode(new PendingMessage(stored.content(), stored.fileIds(), stored.context())))
                    .as("message %d re-encodes to the same bytes", i).isEqualTo(encoded);
            assertThat(decoded.raw().bytes()).isEqualTo(encoded);
        }
    }

    @Test
    void theCodecNeverThrowsOnRandomBytesOrMangledPayloads() {
        Random random = new Random(7);
        byte[] valid = MessageCodec.encode(new PendingMessage("hello \u00e9\ud83d\ude00", List.of("f1"),
                new PendingMessageContext("https://x", "page")));
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            switch (i % 4) {
                case 0 -> {
                    input = new byte[random.nextInt(200)];
                    random.nextBytes(input);
                }
                case 1 -> { // one byte changed
                    input = valid.clone();
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
                case 2 -> input = Arrays.copyOf(valid, random.nextInt(valid.length)); // cut short
                default -> input = randomText(random, 100).getBytes(StandardCharsets.UTF_8); // text, mostly not JSON
            }
            byte[] given = input;
            assertThatCode(() -> {
                BufferEntry entry = MessageCodec.SEED.decode(given);
                assertThat(entry.raw().bytes()).isEqualTo(given);
                if (entry instanceof BufferEntry.Invalid invalid) {
                    assertThat(invalid.reason()).isNotBlank();
                }
            }).as("input %d: %s", i, Arrays.toString(given)).doesNotThrowAnyException();
        }
    }

    @Test
    void deeplyNestedJsonAndJsonOfTheWrongShapeAreInvalidEntriesNotCrashes() {
        String deep = "{\"content\":\"hi\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        BufferEntry entry = MessageCodec.SEED.decode(deep.getBytes(StandardCharsets.UTF_8));
        assertThat(entry).isInstanceOf(BufferEntry.Invalid.class);
        assertThat(((BufferEntry.Invalid) entry).reason()).containsIgnoringCase("depth");

        for (String wrong : List.of("[]", "\"just a string\"", "42", "null", "{\"content\":42}",
                "{\"content\":[\"a\"]}", "{\"content\":\"ok\",\"file_ids\":\"not a list\"}",
                "{\"content\":\"ok\",\"context\":[]}", "{\"content\":\"ok\"} trailing", "{}")) {
            assertThat(MessageCodec.SEED.decode(wrong.getBytes(StandardCharsets.UTF_8)))
                    .as(wrong).isInstanceOf(BufferEntry.Invalid.class);
        }
    }

    // ------------------------------------------------------------------ hostile buffers on a real server

    @Test
    void aTenMegabyteEntryIsShownAsInvalidAndNeverBreaksTheScanOrTheCli() {
        String huge = "{\"content\":\"" + "y".repeat(10 * 1024 * 1024) + "\"}";
        redis.lettuce(r -> r.rpush(key("huge-entry"), huge.getBytes(StandardCharsets.UTF_8),
                MessageCodec.encode(PendingMessage.of("a normal one after it"))));
        redis.lettuce(r -> r.expire(key("huge-entry"), 3600));

        BufferSummary summary = ops.scan().all(SessionScan.Options.ALL).get(0);
        assertThat(summary.unreadable()).isEqualTo(1);
        assertThat(summary.stuck()).contains(StuckReason.UNREADABLE);
        Inspection seen = ops.inspect(ops.ref(SessionId.of("huge-entry")), 0, 10);
        assertThat(((BufferEntry.Invalid) seen.page().entries().get(0)).reason()).contains("the backend's limit is 16000");
        assertThat(seen.page().entries().get(1)).isInstanceOf(BufferEntry.Valid.class);

        CliRun peek = CliRun.run(Map.of("REDIS_URL", TestRedis.shared().url(), "PENDING_CONSOLE_HOME", home.toString()),
                "peek", "huge-entry", "--json");
        assertThat(peek.exitCode()).isZero();
        CliRun text = CliRun.run(Map.of("REDIS_URL", TestRedis.shared().url(), "PENDING_CONSOLE_HOME", home.toString()),
                "peek", "huge-entry");
        assertThat(text.out()).hasSizeLessThan(5_000).contains("characters in all; --json prints them");
        assertThat(peek.out()).contains("\"valid\":false").contains("the backend's limit is 16000").contains("a normal one after it");
    }

    @Test
    void aListOfAMillionEntriesIsListedAndPagedWithoutBeingReadWhole() throws Exception {
        byte[] k = key("million");
        byte[][] chunk = new byte[10_000][];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = MessageCodec.encode(PendingMessage.of("entry " + i));
        }
        redis.pipelined(a -> {
            List<RedisFuture<Long>> pushes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                pushes.add(a.rpush(k, chunk));
            }
            pushes.forEach(redis::await);
            return null;
        });
        BufferSummary summary = ops.scan().all(SessionScan.Options.ALL).get(0);
        assertThat(summary.length()).isEqualTo(1_000_000);
        assertThat(summary.stuck()).contains(StuckReason.OVER_CAP);
        Inspection last = ops.inspect(ops.ref(SessionId.of("million")), 999_990, 10);
        assertThat(last.page().entries()).hasSize(10);
        assertThat(last.page().length()).isEqualTo(1_000_000);

    }

    @Test
    void anExportReportsProgressAndACancelledOneLeavesNoFile() throws Exception {
        PendingBuffers buffers = new PendingBuffers(redis, KeySchema.SEED);
        for (int i = 0; i < 30; i++) {
            buffers.push(SessionId.of("export-" + i), PendingMessage.of("m" + i));
        }
        Path out = Files.createDirectories(home.resolve("exports")).resolve("all.jsonl");
        List<Integer> seen = new ArrayList<>();
        Assertions.assertThatThrownBy(() -> ops.export(null, out, (done, total) -> seen.add(done),
                        () -> seen.size() >= 10))
                .isInstanceOf(ExportCancelled.class).hasMessageContaining("no file written");
        assertThat(seen).hasSize(10);
        try (var files = Files.list(out.getParent())) {
            assertThat(files.toList()).as("neither the file nor its temporary one").isEmpty();
        }
        ExportOutcome done = ops.export(null, out, (d, t) -> { }, () -> false);
        assertThat(done.entries()).isEqualTo(30);
        assertThat(BackupFile.read(out).entries()).hasSize(30);
    }
}
