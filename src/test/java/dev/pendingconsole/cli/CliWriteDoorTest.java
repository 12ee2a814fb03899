package dev.pendingconsole.cli;

import dev.pendingconsole.support.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every CLI write through the one door: what it asks, what it refuses, what it backs up and audits. */
class CliWriteDoorTest extends SeededCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path files;

    private long count(String session) {
        return redis.<Long>lettuce(r -> r.llen(("copilot:pending:" + session).getBytes(StandardCharsets.UTF_8)));
    }

    private List<JsonNode> audit() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        Path log = home.resolve("audit.jsonl");
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private List<Path> backups() throws Exception {
        Path dir = home.resolve("backups");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void drainOutToAnExistingFileIsRefusedAndLeavesFileAndBufferAsTheyWere() throws Exception {
        Path file = Files.writeString(files.resolve("first-batch.jsonl"), "the only copy\n");
        CliRun run = cli("drain", "demo-healthy-1", "--out", file.toString(), "--yes");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("already exists").doesNotContain("Exception");
        assertThat(Files.readString(file)).isEqualTo("the only copy\n");
        assertThat(count("demo-healthy-1")).isEqualTo(2);
    }

    /** '-' is no file name for drain, and --force never renames a file over a link, a folder or a device. */
    @Test
    void exportAndDrainWriteOnlyRegularFiles() throws Exception {
        CliRun dash = cli("drain", "demo-healthy-1", "--out", "-", "--yes"); // export takes '-': standard output
        assertThat(dash.exitCode()).isEqualTo(1);
        assertThat(dash.err()).contains("cannot write to '-'").doesNotContain("Exception");
        assertThat(Path.of("-")).doesNotExist();
        Path real = Files.writeString(files.resolve("real.jsonl"), "kept\n");
        Path link = Files.createSymbolicLink(files.resolve("link.jsonl"), real);
        for (Path target : List.of(link, files)) {
            CliRun drain = cli("drain", "demo-healthy-1", "--out", target.toString(), "--yes");
            assertThat(drain.exitCode()).as(target.toString()).isEqualTo(1);
            assertThat(drain.err()).contains("not a regular file");
            CliRun export = cli("export", "--out", target.toString(), "--force");
            assertThat(export.exitCode()).as(target.toString()).isEqualTo(1);
            assertThat(export.err()).contains("not a regular file").doesNotContain("Exception");
        }
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("kept\n");
        assertThat(count("demo-healthy-1")).isEqualTo(2);
    }

    @Test
    void drainOutNeverCreatesAMissingDirectory() {
        Path file = files.resolve("typo").resolve("d.jsonl");
        CliRun run = cli("drain", "demo-healthy-1", "--out", file.toString(), "--yes");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no such directory");
        assertThat(file.getParent()).doesNotExist();
        assertThat(count("demo-healthy-1")).isEqualTo(2);
    }

    @Test
    void drainOutAlsoWritesTheRegularBackup() throws Exception {
        Path file = files.resolve("d.jsonl");
        CliRun run = cli("--json", "drain", "demo-healthy-1", "--out", file.toString(), "--yes");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("file").asText()).isEqualTo(file.toString());
        assertThat(Path.of(result.get("backup").asText())).exists().startsWith(home.resolve("backups"));
    }

    @Test
    void importingOneBackupTwiceRestoresNothingTheSecondTime() throws Exception {
        Path file = files.resolve("d.jsonl");
        assertThat(cli("drain", "demo-healthy-2", "--out", file.toString(), "--yes").exitCode()).isZero();
        CliRun first = cli("import", file.toString(), "--yes");
        assertThat(first.out()).contains("Restored 1 entry into 1 buffer.");
        CliRun second = cli("import", file.toString(), "--yes");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("Restored 0 entries into 1 buffer; 1 was already there and skipped.");
        assertThat(count("demo-healthy-2")).isEqualTo(1);
    }

    @Test
    void importOfAnotherServersBackupIsRefusedUnlessToldSo() throws Exception {
        Path file = files.resolve("d.jsonl");
        cli("drain", "demo-healthy-2", "--out", file.toString(), "--yes");
        Path foreign = files.resolve("foreign.jsonl");
        Files.writeString(foreign, Files.readString(file).replaceFirst("\"identity\":\"[^\"]*\"", "\"identity\":\"feedface\""));
        CliRun refused = cli("import", foreign.toString(), "--yes");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("not on this server", "--to-another-server");
        assertThat(count("demo-healthy-2")).isZero();
        CliRun untyped = cli("import", foreign.toString(), "--yes", "--to-another-server");
        assertThat(untyped.exitCode()).as("another server's backup: its address is typed, --yes is not enough").isEqualTo(2);
        assertThat(untyped.err()).contains("--confirm");
        assertThat(count("demo-healthy-2")).isZero();
        Matcher token = Pattern.compile("--confirm (\\S+)").matcher(untyped.err());
        assertThat(token.find()).isTrue();
        CliRun typed = cli("import", foreign.toString(), "--to-another-server", "--confirm", token.group(1));
        assertThat(typed.exitCode()).as(typed.err()).isZero();
        assertThat(count("demo-healthy-2")).isEqualTo(1);
    }

    @Test
    void aPushIsAuditedAndOneThatEvictsBacksUpFirstWithoutAsking() throws Exception {
        assertThat(cli("push", "demo-healthy-1", "--content", "plain").exitCode()).isZero();
        assertThat(audit()).last().satisfies(line -> {
            assertThat(line.get("action").asText()).isEqualTo("push");
            assertThat(line.get("keys").get(0).asText()).isEqualTo("copilot:pending:demo-healthy-1");
        });
        long over = count("demo-over-cap");
        CliRun pushed = cli("push", "demo-over-cap", "--content", "one more");
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        assertThat(pushed.err()).contains("evicted " + (over - 10 + 1), "backup ");
        assertThat(backups()).singleElement().satisfies(b -> assertThat(Files.readAllLines(b)).hasSize((int) over - 10 + 1 + 2));
        assertThat(audit()).last().satisfies(line -> assertThat(line.get("backup").isNull()).isFalse());
    }

    /** Issue 24, finding 5: a script pushes as the endpoint does; the oldest entries go, into a backup. */
    @Test
    void twelveScriptedPushesToOneSessionAllSucceedAndTheTwoEvictedAreBackedUp() throws Exception {
        for (int i = 0; i < 12; i++) {
            CliRun push = cli("push", "scripted", "--content", "m" + i);
            assertThat(push.exitCode()).as(push.err()).isZero();
        }
        assertThat(count("scripted")).isEqualTo(10);
        List<String> evicted = new ArrayList<>();
        for (Path backup : backups()) {
            Files.readAllLines(backup).stream().filter(l -> l.contains("\"raw\"")).forEach(evicted::add);
        }
        assertThat(evicted).hasSize(2).satisfiesExactlyInAnyOrder(l -> assertThat(l).contains("m0"), l -> assertThat(l).contains("m1"));
        assertThat(audit()).hasSize(12).allSatisfy(line -> assertThat(line.get("action").asText()).isEqualTo("push"));
    }

    /** Issue 25: re-announce a buffer whose notification was lost, through the door; a real subscriber hears it. */
    @Test
    void announceSendsTheNotifyAgainAndIsAudited() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        RedisClient client = RedisClient.create(env.get("REDIS_URL"));
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received.add(channel + "=" + message);
                }
            });
            sub.sync().subscribe("copilot:pending:notify:demo-healthy-1");
            CliRun run = cli("announce", "demo-healthy-1");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out().strip()).isEqualTo("Announced demo-healthy-1: 1 subscriber heard it.");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("copilot:pending:notify:demo-healthy-1=1");
        } finally {
            client.shutdown();
        }
        assertThat(audit()).last().satisfies(line -> {
            assertThat(line.get("action").asText()).isEqualTo("announce");
            assertThat(line.get("counts").get("subscribers").asLong()).isEqualTo(1);
        });
        assertThat(cli("announce", "nobody").exitCode()).as("no buffer: nothing to announce").isEqualTo(1);
        assertThat(cli("--production", "announce", "demo-healthy-1").exitCode()).as("production: the typed id").isEqualTo(2);
    }

    /** Issue 25: a session's history (who, when, what, from which machine) and the backups, from the CLI. */
    @Test
    void historyShowsTheWritesOnASessionAndBackupsListsWhatWasSaved() throws Exception {
        assertThat(cli("history", "demo-healthy-1").out()).startsWith("No write on demo-healthy-1");
        assertThat(cli("drain", "demo-healthy-1", "--yes").exitCode()).isZero();
        assertThat(cli("push", "demo-healthy-2", "--content", "x").exitCode()).isZero();
        JsonNode history = JSON.readTree(cli("--json", "history", "demo-healthy-1").out());
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("action").asText()).isEqualTo("drain");
        assertThat(history.get(0).get("host").asText()).isNotBlank();
        assertThat(cli("history", "demo-healthy-1").out()).contains("  drain  ", "backup ");
        JsonNode backups = JSON.readTree(cli("--json", "backups").out());
        assertThat(backups).singleElement().satisfies(b -> {
            assertThat(b.get("entries").asInt()).isEqualTo(2);
            assertThat(b.get("keys").get(0).asText()).isEqualTo("copilot:pending:demo-healthy-1");
            assertThat(b.get("action").asText()).isEqualTo("drain-demo-healthy-1");
        });
        assertThat(cli("backups").out()).contains("2 entries from ");
    }

    /** Issue 24: the console's saved profiles from the CLI, production and all. */
    @Test
    void aSavedProfileConnectsWithItsProductionFlagAndTheCliEditsTheSameFile() throws Exception {
        String url = env.get("REDIS_URL");
        assertThat(cli("profiles", "add", "here", url, "--production").exitCode()).isZero();
        assertThat(home.resolve("config/profiles.json")).exists();
        assertThat(cli("profiles").out()).contains("here  " + url + "  production");
        CliRun count = cli("--profile", "here", "count", "demo-healthy-1");
        assertThat(count.exitCode()).as(count.err()).isZero();
        assertThat(count.out().strip()).isEqualTo("2");
        CliRun clear = cli("--profile", "here", "clear", "demo-healthy-1", "--yes");
        assertThat(clear.exitCode()).as("the profile is production: --yes is not enough").isEqualTo(2);
        assertThat(cli("--profile", "nope", "count", "x").err()).contains("no saved profile 'nope'; saved: here");
        assertThat(cli("--profile", "here", "--url", url, "count", "x").exitCode()).isEqualTo(2);
        assertThat(cli("profiles", "remove", "here").exitCode()).isZero();
        assertThat(cli("profiles", "remove", "here").exitCode()).isEqualTo(1);
    }

    @Test
    void everyWriteCommandTakesYesAndRefusesWithoutATerminalOtherwise() {
        redis.lettuce(r -> r.setex("copilot:pending:calls:u9".getBytes(StandardCharsets.UTF_8), 60, "3".getBytes(StandardCharsets.UTF_8)));
        List<String[]> writes = List.of(
                new String[] {"drain", "demo-healthy-1"},
                new String[] {"clear", "demo-healthy-2"},
                new String[] {"remove", "demo-healthy-3", "0"},
                new String[] {"ttl", "demo-no-ttl", "60"},
                new String[] {"limits", "--reset", "u9"});
        for (String[] write : writes) {
            CliRun refused = cli(write);
            assertThat(refused.exitCode()).as(String.join(" ", write)).isEqualTo(2);
            assertThat(refused.err()).as(String.join(" ", write)).contains("needs confirmation; pass --yes")
                    .doesNotContain("Unknown option");
        }
        assertThat(count("demo-healthy-1")).isEqualTo(2);
        for (String[] write : writes) {
            String[] withYes = Arrays.copyOf(write, write.length + 1);
            withYes[write.length] = "--yes";
            CliRun done = cli(withYes);
            assertThat(done.exitCode()).as(String.join(" ", withYes) + ": " + done.err()).isZero();
        }
        assertThat(count("demo-healthy-1")).isZero();
    }

    @Test
    void onProductionTheOperatorTypesTheSessionId() {
        CliRun wrong = CliRun.run(env, CliRun.answering("y"), "--production", "clear", "demo-healthy-1");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("cancelled: the session id typed ('y') is not 'demo-healthy-1'; nothing was changed");
        assertThat(count("demo-healthy-1")).isEqualTo(2);
        CliRun typed = CliRun.run(env, CliRun.answering("demo-healthy-1"), "--production", "clear", "demo-healthy-1");
        assertThat(typed.exitCode()).as(typed.err()).isZero();
        assertThat(count("demo-healthy-1")).isZero();
        // remembered for the server: the next run without --production still asks for the id
        CliRun again = CliRun.run(env, CliRun.answering("y"), "push", "demo-healthy-2", "--content", "x");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("Push 1 message", "cancelled");
    }

    @Test
    void onProductionYesAloneIsRefusedAndConfirmIsTheTypedToken() throws Exception {
        CliRun yesOnly = cli("--production", "clear", "demo-healthy-1", "--yes");
        assertThat(yesOnly.exitCode()).isEqualTo(2);
        assertThat(yesOnly.err()).contains("--confirm demo-healthy-1", "--yes is not enough");
        assertThat(count("demo-healthy-1")).isEqualTo(2);
        CliRun wrong = cli("--production", "clear", "demo-healthy-1", "--yes", "--confirm", "demo-healthy-2");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(count("demo-healthy-1")).isEqualTo(2);
        CliRun right = cli("--production", "clear", "demo-healthy-1", "--confirm", "demo-healthy-1");
        assertThat(right.exitCode()).as(right.err()).isZero();
        assertThat(count("demo-healthy-1")).isZero();
        assertThat(audit()).last().satisfies(line -> assertThat(line.get("action").asText()).isEqualTo("clear"));
    }

    /** Issue 24, finding 3: a refused or mistyped --production write marks nothing; a confirmed one marks the server. */
    @Test
    void onlyAConfirmedWriteMarksAServerProduction() throws Exception {
        Path marks = home.resolve("config/production-servers.txt");
        assertThat(cli("--production", "clear", "demo-healthy-1").exitCode()).as("no terminal, no --confirm").isEqualTo(2);
        assertThat(cli("--production", "clear", "demo-healthy-1", "--confirm", "oops").exitCode()).isEqualTo(1);
        assertThat(marks).doesNotExist();
        CliRun plain = cli("push", "demo-healthy-3", "--content", "still not production");
        assertThat(plain.exitCode()).as(plain.err()).isZero();

        assertThat(cli("--production", "clear", "demo-healthy-1", "--confirm", "demo-healthy-1").exitCode()).isZero();
        assertThat(marks).exists();
        CliRun after = cli("clear", "demo-healthy-2", "--yes");
        assertThat(after.exitCode()).as("remembered: --yes alone is refused from now on").isEqualTo(2);
        assertThat(after.err()).contains("--confirm demo-healthy-2");

        String url = env.get("REDIS_URL");
        assertThat(cli("servers").out().strip()).isEqualTo(url);
        assertThat(cli("servers", "forget", url).exitCode()).isZero();
        assertThat(cli("servers", "forget", url).exitCode()).as("nothing to forget").isEqualTo(1);
        assertThat(cli("clear", "demo-healthy-2", "--yes").exitCode()).as("forgotten: --yes is enough again").isZero();
        assertThat(cli("servers", "mark", url).exitCode()).isZero();
        assertThat(cli("clear", "demo-healthy-3", "--yes").exitCode()).isEqualTo(2);
    }

    @Test
    void exportNeverReplacesAFileUnlessForced() throws Exception {
        Path file = Files.writeString(files.resolve("e.jsonl"), "keep me\n");
        CliRun refused = cli("export", "--out", file.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo("keep me\n");
        assertThat(cli("export", "--out", files.resolve("missing/e.jsonl").toString()).err()).contains("no such directory");
        assertThat(cli("export", "--out", file.toString(), "--force").exitCode()).isZero();
        assertThat(Files.readString(file)).contains("backup_end");
    }
}
