package dev.pendingconsole.ops;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.write.Clear;
import dev.pendingconsole.ops.write.Confirmer;
import dev.pendingconsole.ops.write.Drain;
import dev.pendingconsole.ops.write.Push;
import dev.pendingconsole.ops.write.Question;
import dev.pendingconsole.ops.write.Remove;
import dev.pendingconsole.ops.write.ResetLimit;
import dev.pendingconsole.ops.write.Restore;
import dev.pendingconsole.ops.write.SetTtl;
import dev.pendingconsole.ops.write.UndoPush;
import dev.pendingconsole.ops.write.WriteDoor;
import dev.pendingconsole.ops.write.WritePlan;
import dev.pendingconsole.ops.write.WriteRefused;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.ControlledRedis;
import dev.pendingconsole.support.Door;
import dev.pendingconsole.support.RedisServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write door as a whole: each write is planned (target, what goes, what comes), confirmed by the one
 * rule, backed up, executed only on what was planned, audited, and undone faithfully.
 */
@ExtendWith(RedisServer.class)
class WriteDoorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path home;
    private RedisGateway redis;
    private Workspace ws;
    private PendingBuffers backend;

    @BeforeEach
    void connect(RedisServer.Fresh server) {
        home = server.home();
        redis = server.gateway();
        ws = server.workspace(KeySchema.SEED, false);
        backend = new PendingBuffers(redis, KeySchema.SEED);
    }

    private Workspace workspace(RedisGateway gateway, String profile, boolean production) {
        Operations ops = new Operations(gateway, KeySchema.SEED, new DataDir(home), StuckRules.DEFAULT, profile);
        return new Workspace(ops, new WriteDoor(gateway, ops, new DataDir(home), production));
    }

    private BufferRef ref(String session) {
        return ws.ref(SessionId.of(session));
    }

    private List<String> contents(String session) {
        List<String> out = new ArrayList<>();
        for (byte[] raw : redis.lettuce(r -> r.lrange(("copilot:pending:" + session).getBytes(StandardCharsets.UTF_8), 0, -1))) {
            out.add(new String(raw, StandardCharsets.UTF_8).replaceAll(".*\"content\":\"([^\"]*)\".*", "$1"));
        }
        return out;
    }

    private void fill(String session, int n) {
        for (int i = 0; i < n; i++) {
            backend.push(SessionId.of(session), PendingMessage.of("m" + i));
        }
    }

    private List<JsonNode> audit() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("audit.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** A confirmer that records what it was asked and answers {@code answer}. */
    private static final class Asked implements Confirmer {
        final AtomicReference<WritePlan<?>> plan = new AtomicReference<>();
        final boolean answer;

        Asked(boolean answer) {
            this.answer = answer;
        }

        @Override
        public Optional<String> answer(WritePlan<?> asked, Question question) {
            plan.set(asked);
            return answer ? Door.YES.answer(asked, question) : Optional.empty();
        }
    }

    @Test
    void aPlainPushAsksNothingButIsAudited() throws Exception {
        Asked asked = new Asked(false);
        PushOutcome pushed = ws.write(new Push(ref("p"), PendingMessage.of("hello"), 1, 0, false, () -> false, n -> { }), asked);
        assertThat(asked.plan.get()).as("a push that evicts nothing asks nothing").isNull();
        assertThat(pushed.length()).isEqualTo(1);
        JsonNode line = audit().get(0);
        assertThat(line.get("action").asText()).isEqualTo("push");
        assertThat(line.get("keys").get(0).asText()).isEqualTo("copilot:pending:p");
        assertThat(line.get("counts").get("pushed").asLong()).isEqualTo(1);
    }

    @Test
    void aPushThatEvictsNamesTheEntriesAsksOnlyOnProductionAndBacksThemUpFirst() throws Exception {
        fill("full", 10);
        WritePlan<PushOutcome> plan = ws.door().plan(new Push(ref("full"), PendingMessage.of("eleventh"), 2, 0, false, () -> false, n -> { }));
        assertThat(WriteDoor.question(plan, false).level()).as("the endpoint evicts without asking; so does the door")
                .isEqualTo(Question.Level.NONE);
        assertThat(WriteDoor.question(plan, true).level()).isEqualTo(Question.Level.TYPED);
        assertThat(plan.removes()).isEqualTo(2);
        assertThat(plan.details()).hasSize(2).first().asString().contains("\"m0\"");

        PushOutcome done = ws.write(new Push(ref("full"), PendingMessage.of("eleventh"), 2, 0, false, () -> false, n -> { }),
                new Asked(false)); // never asked
        assertThat(done.evicted()).isEqualTo(2);
        assertThat(contents("full")).hasSize(10).startsWith("m2").endsWith("eleventh", "eleventh");
        Path backup = done.backup().orElseThrow();
        assertThat(BackupFile.read(backup).entries()).extracting(e -> e.raw().utf8().orElseThrow())
                .allMatch(s -> s.contains("\"m0\"") || s.contains("\"m1\"")).hasSize(2);
        assertThat(audit().get(audit().size() - 1).get("backup").asText()).isEqualTo(backup.toString());
    }

    @Test
    void aPushEvictsNothingItDidNotPlanToWhenTheBufferFillsMeanwhile() {
        fill("racing", 9);
        WritePlan<PushOutcome> plan = ws.door().plan(new Push(ref("racing"), PendingMessage.of("mine"), 1, 0, false, () -> false, n -> { }));
        assertThat((WriteDoor.question(plan, false).level() != Question.Level.NONE)).as("9 of 10: nothing to evict").isFalse();
        backend.push(SessionId.of("racing"), PendingMessage.of("the backend's")); // now full
        PushOutcome outcome = ws.door().execute(plan, Door.YES);
        assertThat(outcome.status()).isEqualTo(PushOutcome.Status.CHANGED);
        assertThat(outcome.pushed()).isZero();
        assertThat(contents("racing")).hasSize(10).first().isEqualTo("m0");
    }

    @Test
    void undoOfAPushRemovesItAndRestoresWhatItEvicted() {
        fill("undo-push", 10);
        List<String> before = contents("undo-push");
        PushOutcome done = ws.write(new Push(ref("undo-push"), PendingMessage.of("oops"), 1, 0, false, () -> false, n -> { }),
                Door.YES);
        assertThat(contents("undo-push")).doesNotContain("m0");
        ws.write(new UndoPush(done), Door.YES);
        assertThat(contents("undo-push")).isEqualTo(before);
    }

    @Test
    void everyDestructiveWriteAsksAndTheOneRuleHoldsOnProduction() {
        fill("rule", 3);
        Inspection seen = ws.inspect(ref("rule"), 0, 100);
        backend.push(SessionId.of("other"), PendingMessage.of("x"));
        List<WritePlan<?>> destructive = List.of(ws.door().plan(new Clear(seen, true)), ws.door().plan(new Drain(ref("rule"), Optional.empty(), true)),
                ws.door().plan(new Remove(ref("rule"), 0, seen.raws().get(0), true)),
                ws.door().plan(SetTtl.of(ref("rule"), new TtlChange.Set(Duration.ofSeconds(60)))));
        for (WritePlan<?> plan : destructive) {
            assertThat((WriteDoor.question(plan, false).level() != Question.Level.NONE)).as(plan.summary()).isTrue();
            assertThat(plan.confirmText()).isEqualTo("rule");
            assertThat(plan.targets()).containsExactly(ref("rule"));
        }
        WritePlan<PushOutcome> push = ws.door().plan(new Push(ref("other"), PendingMessage.of("y"), 1, 0, false, () -> false, n -> { }));
        assertThat((WriteDoor.question(push, false).level() != Question.Level.NONE)).isFalse();
        assertThat((WriteDoor.question(push, true).level() != Question.Level.NONE)).as("on production every write asks").isTrue();
    }

    @Test
    void drainTakesWhatTheBackendTakesAndLeavesTheRest() {
        fill("big", 10);
        redis.lettuce(r -> r.rpush("copilot:pending:big".getBytes(StandardCharsets.UTF_8), "{\"content\":\"extra\"}".getBytes(StandardCharsets.UTF_8)));
        WritePlan<DrainOutcome> plan = ws.door().plan(new Drain(ref("big"), Optional.empty(), true));
        assertThat(plan.removes()).isEqualTo(10);
        DrainOutcome drained = ws.door().execute(plan, Door.YES);
        assertThat(drained.result().popped()).hasSize(10);
        assertThat(contents("big")).containsExactly("extra");
        assertThat(drained.backup()).isPresent();
    }

    @Test
    void drainToAnExistingFileIsRefusedAndChangesNothing() throws Exception {
        fill("keep", 2);
        Path file = Files.writeString(home.resolve("earlier.jsonl"), "the only copy of an earlier drain\n");
        assertThatThrownBy(() -> ws.door().plan(new Drain(ref("keep"), Optional.of(file), true))).isInstanceOf(BackupFile.Exists.class);
        assertThat(Files.readString(file)).isEqualTo("the only copy of an earlier drain\n");
        assertThat(contents("keep")).hasSize(2);
        assertThatThrownBy(() -> ws.door().plan(new Drain(ref("keep"), Optional.of(home.resolve("no/such/dir/x.jsonl")), true)))
                .hasMessageContaining("no such directory");
        assertThat(home.resolve("no")).doesNotExist();
    }

    @Test
    void aDrainToFileThatSurelyRemovedNothingLeavesNoFileClaimingIt() throws Exception {
        try (ControlledRedis server = ControlledRedis.start(List.of());
             RedisGateway gateway = RedisGateway.open(RedisTarget.parse(server.url()))) {
            Workspace own = workspace(gateway, "t", false);
            new PendingBuffers(gateway, KeySchema.SEED).push(SessionId.of("gone"), PendingMessage.of("m"));
            Path file = home.resolve("gone.jsonl");
            WritePlan<DrainOutcome> plan = own.door().plan(new Drain(own.ref(SessionId.of("gone")), Optional.of(file), true));
            server.kill(); // the removal cannot reach the server: surely nothing was drained
            assertThatThrownBy(() -> own.door().execute(plan, Door.YES)).isInstanceOf(RedisFailure.class);
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void drainToAFileAlsoWritesTheRegularBackup() throws Exception {
        fill("both", 2);
        Path file = home.resolve("drained.jsonl");
        DrainOutcome drained = ws.write(new Drain(ref("both"), Optional.of(file), true), Door.YES);
        assertThat(BackupFile.read(file).entries()).hasSize(2);
        assertThat(BackupFile.read(drained.backup().orElseThrow()).entries()).hasSize(2);
        assertThat(drained.backup().orElseThrow().getParent()).isEqualTo(home.resolve("backups"));
    }

    @Test
    void restoringTwiceChangesNothingTheSecondTime() {
        fill("twice", 3);
        ClearOutcome cleared = ws.write(new Clear(ws.inspect(ref("twice"), 0, 100), true), Door.YES);
        Path backup = cleared.backup().orElseThrow();
        RestoreOutcome first = ws.write(Restore.of(backup, false), Door.YES);
        RestoreOutcome second = ws.write(Restore.of(backup, false), Door.YES);
        assertThat(first.entries()).isEqualTo(3);
        assertThat(second.entries()).isZero();
        assertThat(second.skipped()).isEqualTo(3);
        assertThat(contents("twice")).containsExactly("m0", "m1", "m2");
    }

    @Test
    void undoOfARemovePutsTheEntryBackAtItsIndexAndOnlyOnce() {
        fill("middle", 4);
        Inspection seen = ws.inspect(ref("middle"), 0, 100);
        RemoveOutcome removed = ws.write(new Remove(ref("middle"), 2, seen.raws().get(2), true), Door.YES);
        assertThat(contents("middle")).containsExactly("m0", "m1", "m3");
        ws.write(Restore.undo(removed.backup().orElseThrow()), Door.YES);
        assertThat(contents("middle")).containsExactly("m0", "m1", "m2", "m3");
        RestoreOutcome again = ws.write(Restore.undo(removed.backup().orElseThrow()), Door.YES);
        assertThat(again.skipped()).isEqualTo(1);
        assertThat(contents("middle")).containsExactly("m0", "m1", "m2", "m3");
    }

    @Test
    void undoBringsBackTheTtlTheBufferHadSoItStaysStuck() {
        fill("old", 2);
        byte[] key = "copilot:pending:old".getBytes(StandardCharsets.UTF_8);
        redis.lettuce(r -> r.pexpire(key, 1_200_000)); // pushed 40 minutes ago: idle, stuck
        ClearOutcome cleared = ws.write(new Clear(ws.inspect(ref("old"), 0, 100), true), Door.YES);
        ws.write(Restore.undo(cleared.backup().orElseThrow()), Door.YES);
        long ttl = redis.lettuce(r -> r.pttl(key));
        assertThat(ttl).as("the recorded TTL, not a fresh 3600 s").isBetween(1_100_000L, 1_200_000L);
        Inspection after = ws.inspect(ref("old"), 0, 10);
        assertThat(after.lastPushAge().orElseThrow()).isGreaterThan(Duration.ofMinutes(30));
    }

    @Test
    void aRestoreNeverShortensTheTtlOfABufferPushedToSince() {
        fill("pushed-since", 2);
        byte[] key = "copilot:pending:pushed-since".getBytes(StandardCharsets.UTF_8);
        redis.lettuce(r -> r.pexpire(key, 60_000));
        ClearOutcome cleared = ws.write(new Clear(ws.inspect(ref("pushed-since"), 0, 100), true), Door.YES);
        backend.push(SessionId.of("pushed-since"), PendingMessage.of("new")); // TTL 3600 s again
        ws.write(Restore.undo(cleared.backup().orElseThrow()), Door.YES);
        assertThat(redis.<Long>lettuce(r -> r.pttl(key))).isGreaterThan(3_000_000L);
        assertThat(contents("pushed-since")).containsExactly("m0", "m1", "new");
    }

    @Test
    void aBackupFromAnotherServerIsRefusedUnlessSaidSo() throws Exception {
        fill("elsewhere", 1);
        Path backup = ws.write(new Clear(ws.inspect(ref("elsewhere"), 0, 100), true), Door.YES).backup().orElseThrow();
        String text = Files.readString(backup);
        Path foreign = home.resolve("foreign.jsonl");
        Files.writeString(foreign, text.replaceFirst("\"identity\":\"[^\"]*\"", "\"identity\":\"0123456789abcdef\""));
        assertThatThrownBy(() -> ws.door().plan(Restore.of(foreign, false))).isInstanceOf(WriteRefused.class)
                .hasMessageContaining("not on this server").hasMessageContaining("--to-another-server");
        assertThat(contents("elsewhere")).isEmpty();

        WritePlan<RestoreOutcome> plan = ws.door().plan(Restore.of(foreign, true));
        assertThat(plan.warnings()).singleElement().asString().contains("not on this server");
        assertThat((WriteDoor.question(plan, false).level() != Question.Level.NONE)).isTrue();
        ws.door().execute(plan, Door.YES);
        assertThat(contents("elsewhere")).containsExactly("m0");
    }

    @Test
    void undoOfAClearOfANonUtf8SessionNamesTheSameBuffer() {
        SessionId odd = SessionId.ofBytes(new byte[] {'b', (byte) 0xff, (byte) 0xfe, 'x'});
        backend.push(odd, PendingMessage.of("binary id"));
        BufferRef ref = ws.ref(odd);
        ClearOutcome cleared = ws.write(new Clear(ws.inspect(ref, 0, 100), true), Door.YES);
        RestoreOutcome restored = ws.write(Restore.undo(cleared.backup().orElseThrow()), Door.YES);
        assertThat(restored.buffers()).singleElement().extracting(RestoreOutcome.Restored::ref).isEqualTo(ref);
        assertThat(ws.count(ref)).isEqualTo(1);
    }

    @Test
    void ttlChangesAreAuditedWithTheTtlBeforeAndUndoneExactly() throws Exception {
        fill("ttl", 1);
        byte[] key = "copilot:pending:ttl".getBytes(StandardCharsets.UTF_8);
        redis.lettuce(r -> r.pexpire(key, 500_000));
        TtlOutcome changed = ws.write(SetTtl.of(ref("ttl"), new TtlChange.Persist()), Door.YES);
        assertThat(changed.after()).isEmpty();
        assertThat(audit().get(audit().size() - 1).get("counts").get("ttl_ms_before").asLong()).isBetween(490_000L, 500_000L);
        ws.write(SetTtl.undo(new TtlOutcome(ref("ttl"), changed.before(), Optional.empty())), Door.YES);
        assertThat(redis.<Long>lettuce(r -> r.pttl(key))).isBetween(490_000L, 500_000L);
    }

    @Test
    void aRateLimitResetAsksFirst() {
        redis.lettuce(r -> r.setex("copilot:pending:calls:u1".getBytes(StandardCharsets.UTF_8), 60, "31".getBytes(StandardCharsets.UTF_8)));
        WritePlan<Boolean> plan = ws.door().plan(new ResetLimit("u1"));
        assertThat((WriteDoor.question(plan, false).level() != Question.Level.NONE)).isTrue();
        assertThat(plan.summary()).contains("31/30");
        assertThatThrownBy(() -> ws.door().execute(plan, new Asked(false))).isInstanceOf(WriteRefused.class);
        assertThat(redis.<Long>lettuce(r -> r.exists("copilot:pending:calls:u1".getBytes(StandardCharsets.UTF_8)))).isEqualTo(1);
    }

    @Test
    void productionIsRememberedForTheServer() {
        Path config = home.resolve("config");
        var target = redis.target();
        try (Workspace marked = Workspace.open(target, KeySchema.SEED, new DataDir(home), new ConfigDir(config), "adhoc", true)) {
            assertThat(marked.isProduction()).isTrue();
        }
        try (Workspace again = Workspace.open(target, KeySchema.SEED, new DataDir(home), new ConfigDir(config), "adhoc", false)) {
            assertThat(again.isProduction()).as("the same URL, typed again without the flag").isTrue();
        }
        try (Workspace elsewhere = Workspace.open(target, KeySchema.SEED, new DataDir(home),
                new ConfigDir(home.resolve("other-config")), "x", false)) {
            assertThat(elsewhere.isProduction()).isFalse();
        }
    }

    @Test
    void onProductionEveryWriteShowsItsTargetAsksForTheTypedIdAndIsAudited() throws Exception {
        Workspace prod = workspace(redis, "prod", true);
        fill("w", 10);
        redis.lettuce(r -> r.setex("copilot:pending:calls:u1".getBytes(StandardCharsets.UTF_8), 60, "5".getBytes(StandardCharsets.UTF_8)));
        List<String> asked = new ArrayList<>();
        Confirmer typed = (plan, question) -> {
            assertThat(question.level()).isEqualTo(Question.Level.TYPED);
            assertThat(plan.preview()).as(plan.kind().label()).contains(plan.kind() == WritePlan.Kind.RESET_LIMIT
                    ? "u1" : "copilot:pending:w");
            asked.add(plan.kind().label() + ":" + question.token());
            return Optional.of(question.token());
        };
        PushOutcome pushed = prod.write(new Push(ref("w"), PendingMessage.of("p"), 2, 0, false, () -> false, n -> { }), typed);
        prod.write(new UndoPush(pushed), typed);
        Inspection seen = prod.inspect(ref("w"), 0, 100);
        RemoveOutcome removed = prod.write(new Remove(ref("w"), 3, seen.raws().get(3), true), typed);
        prod.write(Restore.undo(removed.backup().orElseThrow()), typed);
        DrainOutcome drained = prod.write(new Drain(ref("w"), Optional.empty(), true), typed);
        prod.write(Restore.of(drained.backup().orElseThrow(), false), typed);
        prod.write(new Drain(ref("w"), Optional.of(home.resolve("w.jsonl")), true), typed);
        prod.write(Restore.of(home.resolve("w.jsonl"), false), typed);
        prod.write(new Clear(prod.inspect(ref("w"), 0, 100), true), typed);
        fill("w", 1);
        TtlOutcome ttl = prod.write(SetTtl.of(ref("w"), new TtlChange.Extend(Duration.ofSeconds(5))), typed);
        prod.write(SetTtl.undo(new TtlOutcome(ref("w"), ttl.before(), Optional.empty())), typed);
        prod.write(new ResetLimit("u1"), typed);

        assertThat(asked).containsExactly("push:w", "undo push:w", "remove entry:w", "restore:w", "drain:w", "restore:w",
                "drain to file:w", "restore:w", "clear:w", "set TTL:w", "set TTL:w", "reset rate limit:u1");
        assertThat(audit()).extracting(l -> l.get("action").asText()).containsExactly("push", "undo-push", "restore",
                "remove", "restore", "drain", "restore", "drain-to-file", "restore", "clear", "ttl", "undo-ttl", "reset-rate-limit");
        assertThat(audit()).allSatisfy(l -> assertThat(l.get("profile").asText()).isEqualTo("prod"));
    }

    @Test
    void aPlanRunsOnce() {
        fill("once", 1);
        WritePlan<ClearOutcome> plan = ws.door().plan(new Clear(ws.inspect(ref("once"), 0, 100), true));
        ws.door().execute(plan, Door.YES);
        assertThatThrownBy(() -> ws.door().execute(plan, Door.YES)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReadOnlyConnectionRefusesEveryPlanBeforeAsking() {
        fill("ro", 1);
        redis.blockWrites("test: read-only");
        Asked asked = new Asked(true);
        assertThatThrownBy(() -> ws.write(new Drain(ref("ro"), Optional.empty(), true), asked)).hasMessageContaining("read-only");
        assertThat(asked.plan.get()).isNull();
        assertThat(Optional.of(contents("ro"))).get().asList().hasSize(1);
    }
}
