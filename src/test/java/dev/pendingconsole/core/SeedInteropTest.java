package dev.pendingconsole.core;

import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.TestRedis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seed's Python module and this core, on one real Redis: what either pushes, the other drains intact.
 * Runs where python3 has pydantic 2 and redis-py (Debian's python3-redis is found on its dist-packages
 * path); skipped elsewhere, since the suite must need nothing installed.
 */
class SeedInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final File SCRIPT_DIR = new File("src/test/python");
    private static final String PYTHONPATH = "/usr/lib/python3/dist-packages";

    private static final List<PendingMessage> MESSAGES = List.of(
            PendingMessage.of("plain"),
            PendingMessage.of("emoji \ud83d\udc4b\ud83c\udffd and CJK \u4f60\u597d, RTL \u0645\u0631\u062d\u0628\u0627"),
            PendingMessage.of("controls \u0000\u0001\u001f\u007f tabs\tCR\r\nquotes \" \\ </script>"),
            new PendingMessage("with context", List.of("00000000-0000-4000-8000-000000000001", "f2"),
                    new PendingMessageContext("https://example.com/?a=1&b=<2>", "page\ncontent")),
            new PendingMessage("url only", List.of(), PendingMessageContext.ofUrl("https://u")),
            PendingMessage.of("x".repeat(16_000)));

    private RedisGateway redis;
    private PendingBuffers buffers;

    private static boolean pythonReady;

    @BeforeAll
    static void pythonWithTheSeedsDependencies() throws Exception {
        pythonReady = run(List.of("python3", "-c", "import redis, pydantic; assert pydantic.VERSION.startswith('2')"),
                null).exitCode == 0;
    }

    @BeforeEach
    void connect() {
        // per test, not in @BeforeAll: there Surefire counts the class as no tests at all, not as skipped ones
        assumeTrue(pythonReady, "python3 with pydantic 2 and redis-py is not available");
        redis = TestRedis.freshGateway();
        buffers = new PendingBuffers(redis, KeySchema.SEED);
    }

    @AfterEach
    void close() {
        if (redis != null) { // null when the test was skipped
            redis.close();
        }
    }

    @Test
    void whatJavaPushesTheSeedDrainsIntact() throws Exception {
        SessionId session = SessionId.of("java-to-python");
        for (PendingMessage m : MESSAGES) {
            buffers.push(session, m);
        }
        Result result = run(List.of("python3", "seed_interop.py", "drain", session.text()), null);
        assertThat(result.exitCode).as(result.err).isZero();
        JsonNode drained = JSON.readTree(result.out);
        assertThat(drained).hasSize(6); // the seed pops at most 10 per drain; we pushed 6
        for (int i = 0; i < MESSAGES.size(); i++) {
            PendingMessage expected = MESSAGES.get(i);
            JsonNode message = drained.get(i).get("message");
            assertThat(message.get("content").asText()).isEqualTo(expected.content());
            assertThat(drained.get(i).get("model_view").asText()).isEqualTo(expected.modelView());
        }
        assertThat(buffers.count(session)).isZero();
    }

    @Test
    void whatTheSeedPushesJavaDrainsIntactAndByteForByte() throws Exception {
        SessionId session = SessionId.of("python-to-java");
        ArrayNode input = JSON.createArrayNode();
        for (PendingMessage m : MESSAGES) {
            ObjectNode node = input.addObject();
            node.put("content", m.content());
            m.fileIds().forEach(node.putArray("file_ids")::add);
            if (m.context() != null) {
                node.putObject("context").put("url", m.context().url()).put("content", m.context().content());
            }
        }
        Result result = run(List.of("python3", "seed_interop.py", "push", session.text()), JSON.writeValueAsString(input));
        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out.trim()).isEqualTo("[1, 2, 3, 4, 5, 6]");

        BufferPage page = buffers.peek(session, 0, 10);
        for (int i = 0; i < MESSAGES.size(); i++) {
            assertThat(page.entries().get(i).raw().bytes()).isEqualTo(MessageCodec.encode(MESSAGES.get(i)));
        }
        DrainResult drained = buffers.drain(session);
        assertThat(drained.dropped()).isEmpty();
        List<String> views = new ArrayList<>();
        drained.messages().forEach(v -> views.add(v.message().modelView()));
        assertThat(views).isEqualTo(MESSAGES.stream().map(PendingMessage::modelView).toList());
        assertThat(redis.<Long>lettuce(r -> r.ttl(KeySchema.SEED.bufferKey(session)))).isEqualTo(-2L);
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(List<String> command, String stdin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPT_DIR);
        builder.environment().put("PYTHONPATH", PYTHONPATH);
        builder.environment().put("REDIS_URL", TestRedis.shared().url());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        }
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(124, "", "timed out");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
