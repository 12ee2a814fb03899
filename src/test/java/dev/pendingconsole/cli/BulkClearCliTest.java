package dev.pendingconsole.cli;

import dev.pendingconsole.support.Backups;
import dev.pendingconsole.support.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Triage from the command line: search inside messages, and clearing a filtered set as one plan. */
class BulkClearCliTest extends SeededCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IDLE = List.of("demo-current-idle", "demo-idle-no-turn", "demo-idle-turn-completed",
            "demo-idle-turn-failed");

    private long length(String key) {
        return redis.<Long>lettuce(r -> r.llen(key.getBytes(StandardCharsets.UTF_8)));
    }

    private long idleEntries() {
        return length("copilot:pending:{demo-current-idle}") + length("copilot:pending:demo-idle-no-turn")
                + length("copilot:pending:demo-idle-turn-completed") + length("copilot:pending:demo-idle-turn-failed");
    }

    @Test
    void grepFindsABufferByAWordInsideAMessageAndNamesTheEntry() throws Exception {
        JsonNode found = JSON.readTree(cli("--json", "list", "--grep", "Q3 NUMBERS").out()).get("buffers");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("session").asText()).isEqualTo("demo-healthy-1");
        assertThat(found.get(0).get("matching_entries").get(0).asInt()).isZero();
        assertThat(JSON.readTree(cli("--json", "list", "--grep-regex", "merci|\\bhello\\b").out()).get("buffers")).hasSize(2);
        CliRun none = cli("list", "--grep", "no message says this");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("No buffer holds a message matching 'no message says this'.");
        assertThat(cli("list", "--grep-regex", "(unclosed").err()).contains("not a valid regular expression");
    }

    @Test
    void aDryRunShowsThePlanAndChangesNothing() {
        long before = idleEntries();
        CliRun dry = cli("clear", "--match", "demo-*", "--stuck-reason", "idle", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("Clear 4 buffers, 5 entries, ").contains("Dry run: nothing was changed.");
        IDLE.forEach(s -> assertThat(dry.out()).contains(s));
        assertThat(idleEntries()).isEqualTo(before);
        assertThat(home.resolve("backups")).doesNotExist();
    }

    @Test
    void aFilteredClearIsOnePlanOneBackupAnAuditLinePerBufferAndImportPutsItAllBack() throws Exception {
        CliRun cleared = cli("--json", "clear", "--stuck-reason", "idle", "--yes");
        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        JsonNode outcome = JSON.readTree(cleared.out());
        assertThat(outcome.get("cleared_buffers").asInt()).isEqualTo(4);
        assertThat(outcome.get("removed").asInt()).isEqualTo(5);
        assertThat(idleEntries()).isZero();
        assertThat(length("copilot:pending:demo-healthy-1")).as("not idle: untouched").isEqualTo(2);
        assertThat(Backups.in(home)).singleElement().satisfies(b -> assertThat(b.toString()).isEqualTo(outcome.get("backup").asText()));
        List<JsonNode> audit = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("audit.jsonl"))) {
            audit.add(JSON.readTree(line));
        }
        assertThat(audit).filteredOn(l -> l.get("action").asText().equals("clear")).hasSize(4)
                .allSatisfy(l -> assertThat(l.get("backup").asText()).isEqualTo(outcome.get("backup").asText()));

        CliRun undo = cli("import", outcome.get("backup").asText(), "--yes");
        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(idleEntries()).isEqualTo(5);
        CliRun nothing = cli("clear", "--match", "no-such-*", "--yes");
        assertThat(nothing.exitCode()).as("nothing to act on").isEqualTo(1);
    }

    @Test
    void sessionIdsAndFiltersDoNotMix() {
        CliRun both = cli("clear", "demo-healthy-1", "--match", "demo-*");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        assertThat(cli("clear").exitCode()).isEqualTo(2);
        assertThat(cli("clear", "--stuck-reason", "sleepy", "--dry-run").err()).contains("'sleepy' is not a stuck reason");
    }
}
