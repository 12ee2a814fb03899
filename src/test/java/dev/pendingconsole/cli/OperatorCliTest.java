package dev.pendingconsole.cli;

import dev.pendingconsole.support.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The operators' commands against a sandbox-seeded server: output, JSON shape, exit codes. */
class OperatorCliTest extends SeededCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private long count(String session) {
        return redis.<Long>lettuce(r -> r.llen(("copilot:pending:" + session).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void listStuckShowsEveryKindOfStuckBufferWithItsReason() throws Exception {
        CliRun human = cli("list", "--stuck");
        assertThat(human.exitCode()).isZero();
        assertThat(human.out()).contains("demo-idle-turn-completed", "demo-no-ttl", "demo-over-cap",
                "demo-unreadable-entries", "idle:", "no-ttl:", "over-cap:", "unreadable:")
                .doesNotContain("demo-healthy-1");

        JsonNode doc = json(cli("--json", "list", "--stuck"));
        assertThat(names(doc)).containsExactly("buffers", "other_keys", "scanned_keys", "buffers_found");
        JsonNode first = doc.get("buffers").get(0);
        assertThat(names(first)).containsExactly("session", "layout", "generation", "length", "ttl_seconds", "last_push_age_seconds",
                "oldest_age_seconds", "oldest_age_exact", "turn_status", "user_id", "unreadable_entries", "stuck", "stuck_reasons", "stuck_explanations");
        assertThat(first.get("stuck_reasons")).as("codes; the prose is under stuck_explanations").isEqualTo(first.get("stuck"));
        assertThat(first.get("ttl_seconds").isIntegralNumber()).as("whole seconds, as peek and ttl print them").isTrue();
        List<String> codes = new ArrayList<>();
        doc.get("buffers").forEach(b -> b.get("stuck").forEach(c -> codes.add(c.asText())));
        assertThat(codes).contains("idle", "no-ttl", "over-cap", "unreadable");
        List<String> otherTypes = new ArrayList<>();
        doc.get("other_keys").forEach(o -> otherTypes.add(o.get("type").asText()));
        assertThat(otherTypes).contains("string", "hash");
    }

    @Test
    void peekSaysWhenAFailedTurnEndedAndWhyFromTheTurnsStream() throws Exception {
        JsonNode doc = json(cli("--json", "peek", "demo-idle-turn-failed"));
        assertThat(doc.get("turn").get("status").asText()).isEqualTo("failed");
        JsonNode end = doc.get("turn_end");
        assertThat(end.get("stream_found").asBoolean()).isTrue();
        assertThat(Duration.between(Instant.parse(end.get("ended_at").asText()), Instant.now()))
                .isBetween(Duration.ofSeconds(500), Duration.ofSeconds(600)); // the sandbox's turn ended 8m 30s before the seed
        assertThat(end.get("error").asText()).isEqualTo("baseline_error: Exceeded 30 tool-call rounds without a final answer");
        assertThat(json(cli("--json", "peek", "demo-healthy-1")).get("turn_end").isNull()).as("a running turn has not ended").isTrue();
        assertThat(cli("peek", "demo-idle-turn-failed").out()).contains("  Ended 8m ", "s ago; error: baseline_error: Exceeded 30");
    }

    @Test
    void listFiltersAndLimits() throws Exception {
        JsonNode doc = json(cli("--json", "list", "--match", "demo-healthy-*", "--limit", "2"));
        assertThat(doc.get("buffers")).hasSize(2);
        assertThat(doc.get("buffers_found").asInt()).isEqualTo(3);
        assertThat(cli("list", "--limit", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void clearWithoutYesAndWithoutATerminalRefusesAndChangesNothing() {
        CliRun run = cli("clear", "demo-healthy-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("pass --yes");
        assertThat(count("demo-healthy-1")).isEqualTo(2);
    }

    @Test
    void clearAsksOnATerminalAndANoKeepsEverything() {
        CliRun no = CliRun.run(env, CliRun.answering("n"), "clear", "demo-healthy-1");
        assertThat(no.exitCode()).isEqualTo(1);
        assertThat(no.err()).contains("cancelled");
        assertThat(count("demo-healthy-1")).isEqualTo(2);
        CliRun yes = CliRun.run(env, CliRun.answering("y"), "clear", "demo-healthy-1");
        assertThat(yes.exitCode()).as(yes.err()).isZero();
        assertThat(count("demo-healthy-1")).isZero();
    }

    @Test
    void clearWritesABackupThatImportRestoresByteForByte() throws Exception {
        List<byte[]> before = redis.lettuce(r -> r.lrange("copilot:pending:demo-unreadable-entries".getBytes(StandardCharsets.UTF_8), 0, -1));
        JsonNode cleared = json(cli("--json", "clear", "demo-unreadable-entries", "demo-healthy-2", "--yes"));
        assertThat(cleared).hasSize(2);
        assertThat(names(cleared.get(0))).containsExactly("session", "status", "removed", "remaining", "backup");
        assertThat(cleared.get(0).get("status").asText()).isEqualTo("cleared");
        assertThat(cleared.get(0).get("removed").asInt()).isEqualTo(5);
        assertThat(count("demo-unreadable-entries")).isZero();

        JsonNode imported = json(cli("--json", "import", cleared.get(0).get("backup").asText(), "--yes"));
        assertThat(imported.get("entries").asInt()).isEqualTo(5);
        List<byte[]> after = redis.lettuce(r -> r.lrange("copilot:pending:demo-unreadable-entries".getBytes(StandardCharsets.UTF_8), 0, -1));
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).isEqualTo(before.get(i));
        }
        String audit = Files.readString(home.resolve("audit.jsonl"));
        assertThat(audit).contains("\"action\":\"clear\"", "\"action\":\"restore\"", "\"os_user\"");
    }

    @Test
    void clearWithNoBackupWritesNone() throws Exception {
        json(cli("--json", "clear", "demo-healthy-3", "--yes", "--no-backup"));
        assertThat(Files.exists(home.resolve("backups")) ? Files.list(home.resolve("backups")).count() : 0).isZero();
    }

    @Test
    void removeTakesOneEntryByIndex() throws Exception {
        JsonNode removed = json(cli("--json", "remove", "demo-over-cap", "0", "--yes"));
        assertThat(removed.get("removed").asBoolean()).isTrue();
        assertThat(removed.get("remaining").asInt()).isEqualTo(13);
        assertThat(cli("remove", "demo-over-cap", "99", "--yes").exitCode()).isEqualTo(1);
    }

    @Test
    void drainToAFileThenImportPutsTheEntriesBack(@TempDir Path out) throws Exception {
        Path file = out.resolve("d.jsonl");
        JsonNode drained = json(cli("--json", "drain", "demo-idle-turn-completed", "--out", file.toString(), "--yes"));
        assertThat(drained.get("drained").asInt()).isEqualTo(2);
        assertThat(count("demo-idle-turn-completed")).isZero();
        json(cli("--json", "import", file.toString(), "--yes"));
        assertThat(count("demo-idle-turn-completed")).isEqualTo(2);
    }

    @Test
    void plainDrainKeepsABackupOfWhatItPopped() throws Exception {
        CliRun run = cli("drain", "demo-unreadable-entries", "--yes");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("warning: dropped");
        assertThat(run.out()).contains("Backup: ");
        try (var files = Files.list(home.resolve("backups"))) {
            Path backup = files.findFirst().orElseThrow();
            assertThat(Files.readAllLines(backup)).hasSize(7); // the start line, 5 popped entries and the end line
        }
    }

    @Test
    void exportWritesEveryEntryOfTheMatchingBuffers(@TempDir Path out) throws Exception {
        Path file = out.resolve("e.jsonl");
        JsonNode result = json(cli("--json", "export", "--match", "demo-healthy-*", "--out", file.toString()));
        assertThat(result.get("buffers").asInt()).isEqualTo(3);
        assertThat(result.get("entries").asInt()).isEqualTo(6);
        assertThat(Files.readAllLines(file)).hasSize(8); // start line, 6 entries, end line
        assertThat(cli("export", "--match", "x").exitCode()).isEqualTo(2); // --out is required
    }

    /** {@code --out -}: the same lines on stdout, for a pipe; the summary on stderr; they import as the file does. */
    @Test
    void exportToStandardOutputIsTheFileOnStdout(@TempDir Path out) throws Exception {
        Path file = out.resolve("e.jsonl");
        assertThat(cli("export", "--match", "demo-healthy-*", "--out", file.toString()).exitCode()).isZero();
        CliRun piped = cli("export", "--match", "demo-healthy-*", "--out", "-");
        assertThat(piped.exitCode()).isZero();
        assertThat(piped.err()).contains("Exported 6 entries of 3 buffers to standard output.");
        List<String> lines = piped.out().lines().toList();
        List<String> written = Files.readAllLines(file);
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo(written.get(0));
        assertThat(lines.get(7)).isEqualTo(written.get(7));
        assertThat(lines.subList(1, 7)).allSatisfy(line -> assertThat(line).startsWith("{\"key\":\"copilot:pending:demo-healthy-"));
        assertThat(Path.of("-")).doesNotExist();

        Path copy = Files.writeString(out.resolve("from-stdout.jsonl"), piped.out());
        assertThat(cli("clear", "--match", "demo-healthy-*", "--yes").exitCode()).isZero();
        CliRun restored = cli("import", copy.toString(), "--yes");
        assertThat(restored.exitCode()).isZero();
        assertThat(count("demo-healthy-1") + count("demo-healthy-2") + count("demo-healthy-3")).isEqualTo(6);

        CliRun both = cli("--json", "export", "--out", "-");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--json cannot go with --out -");
        CliRun none = cli("export", "--match", "nobody-*", "--out", "-");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).isEmpty();

        // a pipe that closes after its first 100 bytes (| head -c 100): no success is claimed
        OutputStream closing = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 100) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"export", "--out", "-"}, new PrintStream(closing, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, Terminal.NONE);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: standard output failed before the export ended")
                .doesNotContain("Exported");
    }

    @Test
    void importRefusesAFileItCannotFullyRead(@TempDir Path out) throws Exception {
        Path file = out.resolve("bad.jsonl");
        Files.writeString(file, "{\"key\":\"copilot:pending:x\",\"index\":0,\"raw\":\"{}\"}\n");
        CliRun run = cli("import", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("incomplete");
        assertThat(count("x")).isZero();
        assertThat(cli("import", out.resolve("missing.jsonl").toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void ttlSetsExtendsAndPersists() throws Exception {
        assertThat(json(cli("--json", "ttl", "demo-no-ttl", "120", "--yes")).get("ttl_seconds").asLong()).isBetween(118L, 120L);
        assertThat(json(cli("--json", "ttl", "demo-no-ttl", "60", "--extend", "--yes")).get("ttl_seconds").asLong()).isBetween(178L, 180L);
        assertThat(json(cli("--json", "ttl", "demo-no-ttl", "--persist", "--yes")).get("ttl_seconds").isNull()).isTrue();
        assertThat(cli("ttl", "demo-no-ttl").exitCode()).isEqualTo(2);
        assertThat(cli("ttl", "no-such-session", "5", "--yes").exitCode()).as("nothing to act on").isEqualTo(1);
    }

    @Test
    void limitsListsCountersAndResetsOne() throws Exception {
        JsonNode counters = json(cli("--json", "limits"));
        assertThat(counters).hasSize(2);
        assertThat(names(counters.get(0))).containsExactly("user", "count", "limit", "window_left_seconds", "limited");
        assertThat(counters.get(1).get("limited").asBoolean()).isTrue();
        assertThat(json(cli("--json", "limits", "--reset", "user-2", "--yes")).get("reset").asBoolean()).isTrue();
        assertThat(json(cli("--json", "limits"))).hasSize(1);
    }

    @Test
    void watchPrintsOneLinePerPush() throws Exception {
        CompletableFuture<CliRun> watching = CompletableFuture.supplyAsync(
                () -> cli("--json", "watch", "--count", "2", "--seconds", "20"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (redis.<Long>lettuce(r -> r.pubsubNumpat()) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until watch has subscribed: the pushes below are its first news
        }
        cli("push", "demo-healthy-1", "--content", "one");
        cli("push", "demo odd id \u2713 [x]*?", "--content", "two");
        CliRun run = watching.get(30, TimeUnit.SECONDS);
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("subscribed");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(1)).get("session").asText()).isEqualTo("demo odd id \u2713 [x]*?");
    }

    /** {@code pending watch | head -1}: once the reader has gone, the next push ends the watch, as a pipe's writer ends. */
    @Test
    void watchEndsWhenItsReaderHasGone() throws Exception {
        long patterns = redis.<Long>lettuce(r -> r.pubsubNumpat());
        OutputStream oneLine = new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                if (closed) {
                    throw new IOException("Broken pipe");
                }
                closed = b == '\n';
            }
        };
        CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> Cli.run(new String[] {"watch", "--seconds", "600"},
                new PrintStream(oneLine, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8), env, Terminal.NONE));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (redis.<Long>lettuce(r -> r.pubsubNumpat()) == patterns && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until watch has subscribed
        }
        for (int i = 0; i < 5 && !watching.isDone(); i++) {
            cli("push", "demo-healthy-1", "--content", "p" + i);
            Thread.sleep(200);
        }
        assertThat(watching.get(30, TimeUnit.SECONDS)).as("watch returned, its reader gone").isZero();
    }

    @Test
    void sandboxStartsASeededServerAndStops() throws Exception {
        CliRun run = cli("--json", "sandbox", "--seconds", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("url").asText()).startsWith("redis://127.0.0.1:");
    }

    @Test
    void readOnlyRefusesEveryWriteWithAClearMessage(@TempDir Path out) throws Exception {
        Path export = out.resolve("e.jsonl");
        json(cli("--json", "export", "--out", export.toString()));
        List<String[]> writes = List.of(
                new String[] {"push", "demo-healthy-1", "--content", "x"},
                new String[] {"drain", "demo-healthy-1"},
                new String[] {"drain", "demo-healthy-1", "--out", out.resolve("d.jsonl").toString()},
                new String[] {"clear", "demo-healthy-1", "--yes"},
                new String[] {"remove", "demo-healthy-1", "0", "--yes"},
                new String[] {"import", export.toString()},
                new String[] {"ttl", "demo-healthy-1", "5"},
                new String[] {"limits", "--reset", "user-1"});
        for (String[] args : writes) {
            List<String> all = new ArrayList<>(List.of("--read-only"));
            all.addAll(List.of(args));
            CliRun run = cli(all.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(run.err()).as(String.join(" ", args)).startsWith("error: read-only: ");
        }
        assertThat(count("demo-healthy-1")).isEqualTo(2);
        assertThat(cli("--read-only", "list").exitCode()).isZero();
        assertThat(cli("--read-only", "peek", "demo-healthy-1").exitCode()).isZero();
        assertThat(cli("--read-only", "limits").exitCode()).isZero();
    }

    /** Issue 25: remove --unreadable takes exactly the entries the backend drops, backed up; import undoes it. */
    @Test
    void removeUnreadableTakesOnlyTheEntriesTheBackendDropsAndItsBackupPutsThemBack() throws Exception {
        byte[] key = "copilot:pending:demo-unreadable-entries".getBytes(StandardCharsets.UTF_8);
        List<byte[]> before = redis.lettuce(r -> r.lrange(key, 0, -1));
        assertThat(before).hasSize(5);

        JsonNode done = json(cli("--json", "remove", "demo-unreadable-entries", "--unreadable", "--yes"));
        assertThat(done.get("removed").asBoolean()).isTrue();
        assertThat(done.get("indices").toString()).isEqualTo("[1,2,3,4]");
        assertThat(done.get("remaining").asInt()).isEqualTo(1);
        List<byte[]> after = redis.lettuce(r -> r.lrange(key, 0, -1));
        assertThat(after).hasSize(1);
        assertThat(after.get(0)).isEqualTo(before.get(0));

        CliRun again = cli("remove", "demo-unreadable-entries", "--unreadable", "--yes");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("error: ").contains("no unreadable entry");
        assertThat(cli("remove", "demo-unreadable-entries", "0", "--unreadable").exitCode()).as("one or the other").isEqualTo(2);

        assertThat(cli("import", done.get("backup").asText(), "--yes").exitCode()).isZero();
        List<byte[]> restored = redis.lettuce(r -> r.lrange(key, 0, -1));
        assertThat(restored).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(restored.get(i)).as("entry " + i + " back at its index").isEqualTo(before.get(i));
        }
    }

    /**
     * Issue 25: a key of another type where a buffer belongs is stuck as wrong-type; remove --wrong-type
     * backs its value up with DUMP and deletes it only if unchanged; import puts it back with RESTORE.
     */
    @Test
    void aWrongTypeKeyIsStuckAndIsRemovedWithItsDumpAndRestoredWithRestore() throws Exception {
        byte[] key = "copilot:pending:demo-wrong-type".getBytes(StandardCharsets.UTF_8);
        Map<byte[], byte[]> before = redis.lettuce(r -> r.hgetall(key));
        JsonNode listed = json(cli("--json", "list", "--stuck-reason", "wrong-type"));
        assertThat(listed.get("buffers")).singleElement().satisfies(b -> {
            assertThat(b.get("session").asText()).isEqualTo("demo-wrong-type");
            assertThat(b.get("stuck_reasons").toString()).isEqualTo("[\"wrong-type\"]");
        });
        assertThat(cli("peek", "demo-wrong-type").err()).contains("is a hash, not a list", "remove demo-wrong-type --wrong-type");

        JsonNode done = json(cli("--json", "remove", "demo-wrong-type", "--wrong-type", "--yes"));
        assertThat(done.get("removed").asBoolean()).isTrue();
        assertThat(redis.<Long>lettuce(r -> r.exists(key))).isZero();
        assertThat(json(cli("--json", "list", "--stuck-reason", "wrong-type")).get("buffers")).isEmpty();
        assertThat(cli("remove", "demo-healthy-1", "--wrong-type", "--yes").err()).as("a list is a buffer").contains("is a list");

        assertThat(cli("import", done.get("backup").asText(), "--yes").exitCode()).isZero();
        assertThat(redis.<String>lettuce(r -> r.type(key))).isEqualTo("hash");
        Map<byte[], byte[]> after = redis.lettuce(r -> r.hgetall(key));
        assertThat(after).hasSameSizeAs(before);
        CliRun twice = cli("--json", "import", done.get("backup").asText(), "--yes");
        assertThat(JSON.readTree(twice.out()).get("already_there").asInt()).as("never over the key that is back").isEqualTo(1);
    }
}
