package dev.pendingconsole.cli;

import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.TestRedis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private RedisGateway redis;
    private Map<String, String> env;

    @TempDir
    Path home;

    @BeforeEach
    void connect() {
        redis = TestRedis.freshGateway();
        env = Map.of("REDIS_URL", TestRedis.shared().url(), "PENDING_CONSOLE_HOME", home.toString());
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private CliRun cli(String... args) {
        return CliRun.run(env, args);
    }

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void listOnOneLineIsTheSameDocumentAsIndented() throws Exception {
        // the one-line document is encoded as the scan's pages arrive, the indented one written after: same content
        for (String id : List.of("plain", "quote\" back\\slash", "new\nline\ttab", "caf\u00e9 \ud83d\ude00", "z-last")) {
            assertThat(cli("push", id, "--content", "hi " + id).exitCode()).isZero();
        }
        redis.lettuce(r -> r.rpush(new byte[] {'c', 'o', 'p', 'i', 'l', 'o', 't', ':', 'p', 'e', 'n', 'd', 'i', 'n', 'g', ':',
                (byte) 0xC3, 0x28}, utf8("{\"content\":\"x\"}"))); // not UTF-8, no TTL: stuck
        redis.lettuce(r -> r.set(utf8("copilot:pending:calls:\"odd\" key\n"), utf8("3")));
        redis.lettuce(r -> r.hset(utf8("copilot:pending:a-hash"), utf8("f"), utf8("v")));

        CliRun oneLine = cli("--json", "list");
        CliRun indented = cli("--pretty", "list");

        assertThat(oneLine.out().strip()).doesNotContain("\n");
        JsonNode compact = withoutClocks(json(oneLine));
        assertThat(compact).isEqualTo(withoutClocks(json(indented)));
        assertThat(compact.get("buffers")).hasSize(7); // the hash where a-hash's buffer belongs too (wrong-type)
        assertThat(compact.get("buffers").get(0).get("stuck").toString()).isEqualTo("[\"wrong-type\"]");
        assertThat(compact.get("buffers").get(1).get("stuck").toString()).isEqualTo("[\"no-ttl\"]");
        assertThat(compact.get("other_keys")).hasSize(2);
        assertThat(compact.get("buffers_found").asInt()).isEqualTo(7);
    }

    /** The document without the figures that move between two runs (TTLs and ages, read off the clock). */
    private static JsonNode withoutClocks(JsonNode doc) {
        for (String array : List.of("buffers", "other_keys")) {
            doc.get(array).forEach(o -> ((ObjectNode) o)
                    .remove(List.of("ttl_seconds", "last_push_age_seconds")));
        }
        return doc;
    }

    @Test
    void readsLeaveNoDataFolderAndTheFirstWriteMakesIt() throws Exception {
        Path data = home.resolve("not-yet");
        Map<String, String> fresh = Map.of("REDIS_URL", TestRedis.shared().url(), "PENDING_CONSOLE_HOME", data.toString());
        for (String[] read : List.of(new String[] {"count", "r1"}, new String[] {"peek", "r1"}, new String[] {"--json", "list"})) {
            CliRun run = CliRun.run(fresh, read);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(data).as("after %s", String.join(" ", read)).doesNotExist();
        }
        CliRun push = CliRun.run(fresh, "push", "r1", "--content", "hi");
        assertThat(push.exitCode()).as(push.err()).isZero();
        assertThat(data.resolve("audit.jsonl")).content().contains("\"action\":\"push\"");
    }

    @Test
    void aWriteWhoseAuditLineCannotBeWrittenDoesNotRun() throws Exception {
        Path file = Files.writeString(home.resolve("a-file"), "not a folder");
        Map<String, String> blocked = Map.of("REDIS_URL", TestRedis.shared().url(),
                "PENDING_CONSOLE_HOME", file.resolve("data").toString());
        CliRun push = CliRun.run(blocked, "push", "r2", "--content", "hi");
        assertThat(push.exitCode()).isNotZero();
        assertThat(push.err()).contains("audit log");
        assertThat(redis.<Long>lettuce(r -> r.llen(utf8("copilot:pending:r2")))).as("nothing pushed").isZero();
        assertThat(CliRun.run(blocked, "count", "r2").exitCode()).as("reads still work").isZero();
    }

    @Test
    void pushPrintsTheBackendsResponseShape() throws Exception {
        JsonNode reply = json(cli("--json", "push", "s1", "--content", "hi"));
        assertThat(reply.toString()).isEqualTo("{\"buffer_length\":1,\"max_buffer_length\":10,\"evicted\":0,\"backup\":null}");
        assertThat(redis.<byte[]>lettuce(r -> r.lindex(utf8("copilot:pending:s1"), 0)))
                .isEqualTo(utf8("{\"content\":\"hi\",\"file_ids\":[],\"context\":null}"));
    }

    @Test
    void pushTakesFileIdsAndPageContext() throws Exception {
        json(cli("push", "s1", "--content", "look", "--file-id", "a", "--file-id", "b",
                "--page-url", "https://x", "--page-content", "text", "--json"));
        assertThat(new String(redis.<byte[]>lettuce(r -> r.lindex(utf8("copilot:pending:s1"), 0)), StandardCharsets.UTF_8))
                .isEqualTo("{\"content\":\"look\",\"file_ids\":[\"a\",\"b\"],\"context\":{\"url\":\"https://x\",\"content\":\"text\"}}");
    }

    @Test
    void pushReadsContentAndWholeMessagesFromFiles(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("m.txt"), "line one\nline two\n");
        Path message = Files.writeString(dir.resolve("m.json"),
                "{\"content\":\"from json\",\"file_ids\":[\"f\"],\"context\":{\"url\":\"u\"}}");
        json(cli("--json", "push", "s1", "--content-file", text.toString()));
        json(cli("--json", "push", "s1", "--message-json", message.toString()));
        JsonNode peek = json(cli("--json", "peek", "s1")).get("entries");
        assertThat(peek.get(0).get("message").get("content").asText()).isEqualTo("line one\nline two\n");
        assertThat(peek.get(1).get("raw").asText())
                .isEqualTo("{\"content\":\"from json\",\"file_ids\":[\"f\"],\"context\":{\"url\":\"u\",\"content\":null}}");
    }

    @Test
    void pushReportsEvictionWhenTheBufferIsFull() throws Exception {
        for (int i = 0; i < 10; i++) {
            json(cli("--json", "push", "s1", "--content", "m" + i));
        }
        JsonNode evicting = json(cli("--json", "push", "s1", "--content", "m10"));
        assertThat(evicting.get("evicted").asInt()).isEqualTo(1);
        assertThat(evicting.get("backup").asText()).endsWith(".jsonl");
        CliRun human = cli("push", "s1", "--content", "m11");
        assertThat(human.exitCode()).isZero();
        assertThat(human.out().strip()).isEqualTo("Queued for s1: 10 of 10 pending.");
        assertThat(human.err()).startsWith("evicted 1 (the oldest; the buffer was full): backup ");
    }

    @Test
    void drainPrintsEveryFieldAndWarnsAboutDroppedEntries() throws Exception {
        redis.lettuce(r -> r.rpush(utf8("copilot:pending:s1"),
                utf8("{\"content\":\"a\",\"file_ids\":[],\"context\":null,\"id\":\"u-1\",\"enqueued_at\":1.5,\"metadata\":null}"),
                utf8("not json"),
                utf8("{\"content\":\"b\"}")));
        CliRun run = cli("drain", "s1", "--json", "--yes");
        JsonNode drained = json(run).get("messages");
        assertThat(drained).hasSize(2);
        assertThat(json(run).get("dropped").asInt()).isEqualTo(1);
        assertThat(drained.get(0).toString())
                .isEqualTo("{\"content\":\"a\",\"file_ids\":[],\"context\":null,\"id\":\"u-1\",\"enqueued_at\":1.5,\"metadata\":null}");
        assertThat(drained.get(1).get("content").asText()).isEqualTo("b");
        assertThat(run.err()).contains("warning: dropped an entry").contains("bm90IGpzb24="); // base64 of "not json"
        assertThat(json(cli("--json", "count", "s1")).asInt()).isZero();
    }

    @Test
    void peekShowsRawValidityErrorsAndTheModelView() throws Exception {
        byte[] binary = {'{', (byte) 0xC3, '}'};
        redis.lettuce(r -> r.rpush(utf8("copilot:pending:s1"),
                utf8("{\"content\":\"hi\",\"file_ids\":[\"f1\"],\"context\":null}"), binary));
        JsonNode peek = json(cli("--json", "peek", "s1", "--limit", "5")).get("entries");
        assertThat(peek).hasSize(2);
        JsonNode first = peek.get(0);
        assertThat(fieldNames(first)).containsExactly("index", "raw", "raw_base64", "size", "valid", "error",
                "message", "model_view");
        assertThat(first.get("valid").asBoolean()).isTrue();
        assertThat(first.get("model_view").asText()).isEqualTo(
                "hi\n\n[Attached files]\n- file_id=f1\nUse read_workspace_file with the file_id to access file contents.");
        JsonNode second = peek.get(1);
        assertThat(second.get("valid").asBoolean()).isFalse();
        assertThat(second.get("error").asText()).startsWith("not valid UTF-8");
        assertThat(Base64.getDecoder().decode(second.get("raw_base64").asText())).isEqualTo(binary);
        assertThat(json(cli("--json", "count", "s1")).asInt()).isEqualTo(2);
    }

    @Test
    void countPrintsTheLength() {
        cli("push", "s1", "--content", "x");
        CliRun run = cli("count", "s1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().trim()).isEqualTo("1");
    }

    @Test
    void sessionIdsWithOddCharactersAreUsedLiterally() throws Exception {
        String odd = "a*b?[c]\\ d\n\u00e9";
        json(cli("--json", "push", odd, "--content", "x"));
        assertThat(redis.<Long>lettuce(r -> r.llen(utf8("copilot:pending:" + odd)))).isEqualTo(1);
        assertThat(redis.<Long>lettuce(r -> r.exists(utf8("copilot:pending:a")))).isZero();
    }

    @Test
    void aRefusedConnectionIsOneClearLineAndExitCodeOne() {
        CliRun run = CliRun.run(Map.of(), "--url", "redis://127.0.0.1:1", "count", "s1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().trim()).isEqualTo("error: cannot connect to 127.0.0.1:1: connection refused");
    }

    @Test
    void aMessageTheEndpointWouldRefuseIsAUsageErrorAndWritesNothing() {
        CliRun empty = cli("push", "s1", "--content", "");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err().trim()).isEqualTo("error: content must not be empty");
        CliRun long_ = cli("push", "s1", "--content", "x".repeat(16_001));
        assertThat(long_.exitCode()).isEqualTo(2);
        assertThat(long_.err()).contains("content has 16001 characters; the limit is 16000");
        assertThat(redis.<Long>lettuce(r -> r.exists(utf8("copilot:pending:s1")))).isZero();
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(cli("push", "s1").exitCode()).isEqualTo(2);
        assertThat(cli("peek", "s1", "--limit", "0").exitCode()).isEqualTo(2);
        assertThat(cli("nonsense").exitCode()).isEqualTo(2);
        CliRun badUrl = CliRun.run(Map.of(), "--url", "http://user:secret@x", "count", "s1");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("not a Redis URL").doesNotContain("secret");
    }

    @Test
    void everyCommandAnswersHelpWithoutTouchingRedis() {
        for (String command : List.of("list", "peek", "count", "push", "drain", "clear", "remove", "export", "import",
                "ttl", "limits", "watch", "sandbox", "bench")) {
            CliRun help = CliRun.run(Map.of("REDIS_URL", "redis://127.0.0.1:1"), command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: pending " + command);
        }
    }

    /** Issue 25, finding 4: the backend's model ignores an unknown field; so does the push, and says so. */
    @Test
    void messageJsonWithUnknownFieldsLeavesThemOutAsTheModelDoes(@TempDir Path dir) throws Exception {
        Path message = Files.writeString(dir.resolve("m.json"), "{\"content\":\"x\",\"extra\":1}");
        CliRun run = cli("push", "s1", "--message-json", message.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("warning: left out of the message").contains("extra");
        assertThat(redis.<byte[]>lettuce(r -> r.lindex(utf8("copilot:pending:s1"), 0)))
                .isEqualTo(utf8("{\"content\":\"x\",\"file_ids\":[],\"context\":null}"));
    }

    @Test
    void theUrlOptionWinsOverTheEnvironment() {
        CliRun run = CliRun.run(Map.of("REDIS_URL", "redis://127.0.0.1:1"), "count", "s1", "--url", TestRedis.shared().url());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
