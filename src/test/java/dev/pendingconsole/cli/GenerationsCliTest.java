package dev.pendingconsole.cli;

import dev.pendingconsole.support.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyspace holding both backend generations (SPEC §1b), as during a migration: each buffer is judged
 * by the rules of the backend that wrote it, its turn read where that backend keeps it.
 */
class GenerationsCliTest extends SeededCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Map<String, JsonNode> listed() throws Exception {
        CliRun run = CliRun.run(env, "--json", "list");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, JsonNode> bySession = new HashMap<>();
        JSON.readTree(run.out()).get("buffers").forEach(b -> bySession.put(b.get("session").asText(), b));
        return bySession;
    }

    private static List<String> stuck(JsonNode buffer) {
        return JSON.convertValue(buffer.get("stuck"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Test
    void aCurrentBufferWithARunningTurnIsNotStuckThoughItsLastPushIsTenMinutesOld() throws Exception {
        JsonNode running = listed().get("demo-current-running");
        assertThat(running.get("generation").asText()).isEqualTo("current");
        assertThat(running.get("turn_status").asText()).as("read at chat:task:meta:{sid}").isEqualTo("running");
        assertThat(running.get("last_push_age_seconds").asLong()).isGreaterThanOrEqualTo(590);
        assertThat(stuck(running)).isEmpty();
    }

    @Test
    void aCurrentBufferWhoseTurnCompletedIsIdle() throws Exception {
        JsonNode idle = listed().get("demo-current-idle");
        assertThat(idle.get("turn_status").asText()).isEqualTo("completed");
        assertThat(stuck(idle)).containsExactly("idle");
    }

    @Test
    void aCurrentMetaHashWithoutAStatusCountsAsARunningTurn() throws Exception {
        JsonNode noStatus = listed().get("demo-current-no-status");
        assertThat(noStatus.get("turn_status").asText()).isEqualTo("running");
        assertThat(stuck(noStatus)).isEmpty();
    }

    @Test
    void aTwentyThousandCharacterEntryIsValidForTodaysBackendAndStillInvalidForTheSeeds() throws Exception {
        Map<String, JsonNode> all = listed();
        JsonNode newer = all.get("demo-newer-shape");
        assertThat(newer.get("generation").asText()).isEqualTo("current");
        assertThat(newer.get("unreadable_entries").asInt()).isZero();
        assertThat(stuck(newer)).isEmpty();
        redis.lettuce(r -> r.rpush("copilot:pending:seed-long".getBytes(StandardCharsets.UTF_8),
                ("{\"content\":\"" + "x".repeat(20_000) + "\",\"file_ids\":[],\"context\":null}")
                        .getBytes(StandardCharsets.UTF_8)));
        JsonNode seedLong = listed().get("seed-long");
        assertThat(seedLong.get("generation").asText()).isEqualTo("seed");
        assertThat(stuck(seedLong)).contains("unreadable");
    }

    @Test
    void aBareSessionIdReachesTheBufferInWhicheverLayoutHoldsIt() throws Exception {
        assertThat(cli("count", "demo-newer-shape").out().trim()).isEqualTo("3");
        CliRun peek = cli("--json", "peek", "demo-newer-shape");
        assertThat(peek.exitCode()).as(peek.err()).isZero();
        assertThat(JSON.readTree(peek.out()).get("entries")).hasSize(3);
        assertThat(cli("drain", "demo-current-idle", "--yes").exitCode()).isZero();
        assertThat(redis.<Long>lettuce(r -> r.llen(bytes("copilot:pending:{demo-current-idle}")))).isZero();
        assertThat(cli("count", "demo-healthy-1").out().trim()).as("seed buffers as before").isEqualTo("2");
    }

    @Test
    void aSessionWithABufferInBothLayoutsAsksWhichAndBackendChooses() {
        redis.lettuce(r -> r.rpush(bytes("copilot:pending:{demo-healthy-1}"), bytes("{\"content\":\"tagged\"}")));
        CliRun both = cli("count", "demo-healthy-1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("both layouts", "copilot:pending:demo-healthy-1", "copilot:pending:{demo-healthy-1}",
                "--backend");
        assertThat(cli("--backend", "seed", "count", "demo-healthy-1").out().trim()).isEqualTo("2");
        assertThat(cli("--backend", "current", "count", "demo-healthy-1").out().trim()).isEqualTo("1");
        assertThat(cli("--backend", "newest", "count", "demo-healthy-1").exitCode()).isEqualTo(2);
    }

    @Test
    void peekShowsTheTurnHashThePersistQueueAndTheClaims() throws Exception {
        CliRun text = cli("peek", "demo-current-running");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Turn (chat:task:meta:{demo-current-running}): session_id=demo-current-running",
                "blocking=0", "status=running", "created_at=",
                "Persist queue (copilot:pending-persist:demo-current-running): 1 entry drained but not yet saved as chat rows",
                "drained, not yet saved as a chat row", "msg-7  accepted", "msg-8  reserved by worker-2");
        JsonNode doc = JSON.readTree(cli("--json", "peek", "demo-current-running").out());
        assertThat(doc.get("generation").asText()).isEqualTo("current");
        assertThat(doc.get("key").asText()).isEqualTo("copilot:pending:{demo-current-running}");
        assertThat(doc.get("turn").get("tool_call_id").asText()).startsWith("call-");
        assertThat(doc.get("persist_queue").get("length").asInt()).isEqualTo(1);
        assertThat(doc.get("claims")).hasSize(2);
        assertThat(doc.get("claims").get(1).get("state").asText()).isEqualTo("reserved");
        assertThat(doc.get("claims").get(1).get("owner").asText()).isEqualTo("worker-2");
        assertThat(doc.get("claims").get(1).get("ttl_seconds").asLong()).isBetween(1L, 30L);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
