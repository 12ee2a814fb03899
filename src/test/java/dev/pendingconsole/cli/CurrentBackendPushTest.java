package dev.pendingconsole.cli;

import dev.pendingconsole.core.MessageCodec;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PendingMessageContext;
import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.ControlledRedis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Pushing as today's backend does (SPEC §1b): its payload bytes, its {sid} key, its gate and its SPUBLISH. */
class CurrentBackendPushTest extends SeededCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();


    private static final Pattern CURRENT = Pattern.compile(
            "\\{\"id\":\"([0-9a-f-]{36})\",\"content\":.*,\"enqueued_at\":([0-9.]+),\"metadata\":null}");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void todaysPayloadIsWrittenAsPydanticWritesIt() {
        UUID id = UUID.fromString("6f1c2a8e-0d7b-4c39-9a51-2f3e4d5c6b7a");
        assertThat(new String(MessageCodec.encodeCurrent(PendingMessage.of("hi"), id, 1764213000.123456, null), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"6f1c2a8e-0d7b-4c39-9a51-2f3e4d5c6b7a\",\"content\":\"hi\",\"file_ids\":[],\"context\":null,"
                        + "\"enqueued_at\":1764213000.123456,\"metadata\":null}");
        assertThat(new String(MessageCodec.encodeCurrent(new PendingMessage("d\u00e9j\u00e0 \u2713\n\t\u0001",
                        List.of("f1"), new PendingMessageContext("https://x", null)), id, 1764213000.0, "{\"client\":\"web\"}"),
                StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"6f1c2a8e-0d7b-4c39-9a51-2f3e4d5c6b7a\",\"content\":\"d\u00e9j\u00e0 \u2713\\n\\t\\u0001\","
                        + "\"file_ids\":[\"f1\"],\"context\":{\"url\":\"https://x\",\"content\":null},"
                        + "\"enqueued_at\":1764213000.0,\"metadata\":{\"client\":\"web\"}}");
    }

    /** Issue 25, finding 2: entries today's backend drops (its model's limits) are invalid in peek, list and drain. */
    @Test
    void entriesOverTodaysLimitsAreShownAsTheBackendTreatsThem() throws Exception {
        String files = String.join(",", Collections.nCopies(21, "\"f\""));
        String head = "{\"id\":\"6f1c2a8e-0d7b-4c39-9a51-2f3e4d5c6b7a\",\"content\":\"c\",";
        String tail = ",\"enqueued_at\":1764213000.5,\"metadata\":null}";
        List<String> over = List.of(
                head + "\"file_ids\":[" + files + "],\"context\":null" + tail,
                head + "\"file_ids\":[],\"context\":{\"url\":\"" + "u".repeat(2_001) + "\",\"content\":null}" + tail,
                head + "\"file_ids\":[],\"context\":{\"url\":null,\"content\":\"" + "p".repeat(32_001) + "\"}" + tail,
                head + "\"file_ids\":[" + String.join(",", Collections.nCopies(20, "\"f\"")) + "],\"context\":null" + tail);
        for (String entry : over) {
            redis.lettuce(r -> r.rpush(bytes("copilot:pending:{limits}"), bytes(entry)));
        }
        JsonNode peek = JSON.readTree(CliRun.run(env, "--json", "peek", "limits").out());
        assertThat(peek.get("entries")).extracting(e -> e.get("valid").asBoolean()).containsExactly(false, false, false, true);
        assertThat(peek.get("entries").get(0).get("error").asText()).contains("file_ids has 21 entries");
        JsonNode listed = JSON.readTree(CliRun.run(env, "--json", "list", "--match", "limits").out());
        assertThat(listed.get("buffers").get(0).get("unreadable_entries").asInt()).isEqualTo(3);
        JsonNode drained = JSON.readTree(CliRun.run(env, "--json", "drain", "limits", "--yes").out());
        assertThat(drained.get("dropped").asInt()).isEqualTo(3);
        assertThat(drained.get("drained").asInt()).isEqualTo(4);
    }

    /** Issue 25, finding 3: parsed output keeps the stored numbers' text (1.0 stays 1.0, no 1.764213E9). */
    @Test
    void peekAndDrainKeepTheStoredTextOfNumbers() {
        String stored = "{\"id\":\"6f1c2a8e-0d7b-4c39-9a51-2f3e4d5c6b7a\",\"content\":\"n\",\"file_ids\":[],\"context\":null,"
                + "\"enqueued_at\":1764213000.0,\"metadata\":{\"x\":1.0,\"y\":0.00001,\"z\":12}}";
        redis.lettuce(r -> r.rpush(bytes("copilot:pending:{numbers}"), bytes(stored)));
        CliRun peek = CliRun.run(env, "--json", "peek", "numbers");
        assertThat(peek.exitCode()).as(peek.err()).isZero();
        assertThat(peek.out()).contains("\"enqueued_at\":1764213000.0", "\"x\":1.0", "\"y\":0.00001", "\"z\":12")
                .doesNotContain("E9", "1.0E-5");
        CliRun drain = CliRun.run(env, "--json", "drain", "numbers", "--yes");
        assertThat(drain.out()).contains("\"enqueued_at\":1764213000.0", "\"x\":1.0");
    }

    @Test
    void pushBackendCurrentWritesTodaysBytesToTheHashTaggedKey() {
        double before = System.currentTimeMillis() / 1000.0;
        CliRun run = CliRun.run(env, "--backend", "current", "push", "s-now", "--content", "hi \u2713");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(redis.<Long>lettuce(r -> r.exists(bytes("copilot:pending:s-now")))).as("not the seed's key").isZero();
        byte[] stored = redis.lettuce(r -> r.lindex(bytes("copilot:pending:{s-now}"), 0));
        String text = new String(stored, StandardCharsets.UTF_8);
        Matcher m = CURRENT.matcher(text);
        assertThat(m.matches()).as(text).isTrue();
        UUID id = UUID.fromString(m.group(1));
        assertThat(id.version()).isEqualTo(4);
        double enqueuedAt = Double.parseDouble(m.group(2));
        assertThat(enqueuedAt).isBetween(before - 1, System.currentTimeMillis() / 1000.0 + 1);
        assertThat(stored).as("every byte as the model writes them").isEqualTo(
                MessageCodec.encodeCurrent(PendingMessage.of("hi \u2713"), id, enqueuedAt, null));
        assertThat(redis.<Long>lettuce(r -> r.ttl(bytes("copilot:pending:{s-now}")))).isBetween(3590L, 3600L);
    }

    @Test
    void aGatedPushIntoATurnThatCompletedWritesNothingAndExitsOne() {
        long before = redis.<Long>lettuce(r -> r.llen(bytes("copilot:pending:{demo-current-idle}")));
        CliRun refused = CliRun.run(env, "push", "demo-current-idle", "--content", "late", "--only-if-running");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("no running turn for demo-current-idle: nothing pushed");
        assertThat(redis.<Long>lettuce(r -> r.llen(bytes("copilot:pending:{demo-current-idle}")))).isEqualTo(before);
        CliRun pushed = CliRun.run(env, "push", "demo-current-running", "--content", "in time", "--only-if-running");
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        assertThat(redis.<Long>lettuce(r -> r.llen(bytes("copilot:pending:{demo-current-running}")))).isEqualTo(2);
    }

    @Test
    void aCurrentPushIsAnnouncedWithSpublishOnThePlainChannel() throws Exception {
        try (ControlledRedis seven = ControlledRedis.startRedis7()) {
            RedisClient client = RedisClient.create(seven.url());
            try (StatefulRedisPubSubConnection<byte[], byte[]> sub = client.connectPubSub(ByteArrayCodec.INSTANCE)) {
                BlockingQueue<String> heard = new ArrayBlockingQueue<>(4);
                sub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void smessage(byte[] channel, byte[] message) {
                        heard.add(new String(channel, StandardCharsets.UTF_8) + " " + new String(message, StandardCharsets.UTF_8));
                    }
                });
                sub.sync().ssubscribe(bytes("copilot:pending:notify:s7"));
                CliRun run = CliRun.run(Map.of("REDIS_URL", seven.url(), "PENDING_CONSOLE_HOME", home.toString()),
                        "--backend", "current", "push", "s7", "--content", "hello");
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("copilot:pending:notify:s7 1");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void todaysLimitAndMetadataApplyToCurrentBuffersOnly() {
        String long20k = "x".repeat(20_000);
        CliRun current = CliRun.run(env, "--backend", "current", "push", "s-long", "--content", long20k,
                "--metadata-json", "{\"source\": \"console\", \"n\": 1.50}");
        assertThat(current.exitCode()).as(current.err()).isZero();
        String stored = new String(redis.<byte[]>lettuce(r -> r.lindex(bytes("copilot:pending:{s-long}"), 0)), StandardCharsets.UTF_8);
        assertThat(stored).contains("\"content\":\"" + long20k + "\"").endsWith(",\"metadata\":{\"source\":\"console\",\"n\":1.5}}");

        CliRun seed = CliRun.run(env, "--backend", "seed", "push", "s-long-seed", "--content", long20k);
        assertThat(seed.exitCode()).isEqualTo(2);
        assertThat(seed.err()).contains("content has 20000 characters; the limit is 16000");
        CliRun seedMeta = CliRun.run(env, "--backend", "seed", "push", "s-long-seed", "--content", "x", "--metadata-json", "{}");
        assertThat(seedMeta.exitCode()).isEqualTo(2);
        assertThat(seedMeta.err()).contains("no metadata field");
        assertThat(redis.<Long>lettuce(r -> r.exists(bytes("copilot:pending:s-long-seed")))).isZero();
    }
}
