package dev.pendingconsole.ui.inspector;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.TtlChange;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.Door;
import dev.pendingconsole.support.RedisServer;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Notice;

import io.lettuce.core.XAddArgs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector's view model without a window: background work on the calling thread, every write through
 * the real door to a real Redis. Findings 4, 5 and 6 of issue 23 live here.
 */
@ExtendWith(RedisServer.class)
class InspectorViewModelTest {

    private static final SessionId S = SessionId.of("insp-1");
    private static final BufferRef REF = new BufferRef(S, KeyLayout.PLAIN);

    private final List<Notice> notices = new ArrayList<>();
    private final List<BufferRef> changed = new ArrayList<>();
    private Workspace ws;
    private PendingBuffers buffers;
    private Path home;
    private RedisGateway gateway;

    @BeforeEach
    void open(RedisServer.Fresh redis) {
        ws = redis.workspace(KeySchema.SEED, false);
        buffers = new PendingBuffers(redis.gateway(), KeySchema.SEED);
        home = redis.home();
        gateway = redis.gateway();
    }

    private InspectorViewModel model() {
        return new InspectorViewModel(ws, Background.onCallingThread(), Door.YES, notices::add, changed::add);
    }

    private void push(String... contents) {
        for (String c : contents) {
            buffers.push(S, PendingMessage.of(c));
        }
    }

    private List<String> inRedis() {
        return ws.inspect(REF, 0, 100).page().entries().stream()
                .map(e -> e.raw().utf8().orElseThrow()).map(InspectorViewModelTest::content).toList();
    }

    private static List<String> shown(InspectorViewModel model) {
        return model.entries().stream().map(r -> content(r.entry().raw().utf8().orElseThrow())).toList();
    }

    private static String content(String json) {
        int at = json.indexOf("\"content\":\"") + 11;
        return json.substring(at, json.indexOf('"', at));
    }

    private static EntryRow row(InspectorViewModel model, String content) {
        return model.entries().stream().filter(r -> content(r.entry().raw().utf8().orElseThrow()).equals(content))
                .findFirst().orElseThrow();
    }

    @Test
    void inspectReadsTheBufferAndSelectsItsFirstEntryAndPagesMove() {
        for (int i = 0; i < 105; i++) { // more than the cap: written as they might be found, not pushed
            String raw = "{\"content\":\"m" + i + "\",\"file_ids\":[],\"context\":null}";
            gateway.lettuceWrite("test: fixture", c -> c.rpush(REF.key(KeySchema.SEED), raw.getBytes(StandardCharsets.UTF_8)));
        }
        InspectorViewModel model = model();
        model.inspect(REF);
        assertThat(model.entries()).hasSize(InspectorViewModel.PAGE);
        assertThat(model.selectedProperty().get().index()).isZero();
        assertThat(model.headerProperty().get()).contains("insp-1", "105/", "showing #0\u2013#99", "as of ");
        assertThat(model.rawProperty().get()).contains("\"m0\"");
        model.nextPage();
        assertThat(model.entries()).hasSize(5);
        assertThat(model.entries().get(0).index()).isEqualTo(100);
        model.previousPage();
        assertThat(model.entries().get(0).index()).isZero();
        assertThat(model.clipboardContent().get("raw")).contains("\"m0\"");
    }

    @Test
    void reloadShowsRedisAsItIsNotAsItWas() {
        push("a", "b", "c");
        InspectorViewModel model = model();
        model.inspect(REF);
        buffers.drain(S); // the backend drains it meanwhile
        push("d");
        model.reload();
        assertThat(shown(model)).containsExactly("d");
    }

    /** Finding 5: after a refused Remove the selection is the same message, never the neighbour that slid into its place. */
    @Test
    void aRefusedRemoveLeavesTheSelectionOnTheSameMessageAndTheNextRemoveTakesThatOne() {
        push("a", "b", "c");
        InspectorViewModel model = model();
        model.inspect(REF);
        model.selectedProperty().set(row(model, "b"));
        // another client takes the head: "b" is now entry 0 and "c" sits at index 1, where "b" was
        gateway.lettuceWrite("test: another client", c -> c.lpop(REF.key(KeySchema.SEED)));
        model.removeSelected();
        assertThat(notices).last().satisfies(n -> assertThat(n.error()).isTrue());
        assertThat(inRedis()).as("nothing removed").containsExactly("b", "c");
        EntryRow selected = model.selectedProperty().get();
        assertThat(content(selected.entry().raw().utf8().orElseThrow())).as("still the message chosen").isEqualTo("b");
        assertThat(selected.index()).isZero();
        model.removeSelected();
        assertThat(inRedis()).as("the chosen message went, its neighbour stayed").containsExactly("c");
    }

    /** Finding 6: a write on a buffer the operator cannot see does not start, and the buttons say whose buffer. */
    @Test
    void writesOnABufferNotOnScreenAreRefusedAndTheButtonsNameTheirTarget() {
        push("a", "b", "c");
        InspectorViewModel model = model();
        model.inspect(REF);
        assertThat(model.clearTextProperty().get()).isEqualTo("Clear insp-1 (3)\u2026");
        assertThat(model.removeTextProperty().get()).isEqualTo("Remove #0\u2026");
        assertThat(model.writableProperty().get()).isTrue();

        model.onScreenProperty().set(false); // filtered out of the table, or another tab in front
        assertThat(model.writableProperty().get()).isFalse();
        model.clearShown();
        model.removeSelected();
        model.setTtl(new TtlChange.Set(Duration.ofSeconds(60)));
        assertThat(notices).hasSize(3).allSatisfy(n -> assertThat(n.text()).contains("not on screen"));
        assertThat(inRedis()).containsExactly("a", "b", "c");
        assertThat(ws.inspect(REF, 0, 1).ttl()).as("the TTL the push set, untouched")
                .hasValueSatisfying(t -> assertThat(t).isGreaterThan(Duration.ofSeconds(60)));
    }

    @Test
    void clearShownRemovesExactlyWhatIsShownAndUndoPutsItBack() {
        push("a", "b");
        InspectorViewModel model = model();
        model.inspect(REF);
        push("c"); // arrives after the read: not shown, so not cleared
        model.clearShown();
        assertThat(inRedis()).containsExactly("c");
        assertThat(shown(model)).as("read again after the write").containsExactly("c");
        Notice done = notices.get(notices.size() - 1);
        assertThat(done.text()).startsWith("Cleared 2 entries from insp-1; 1 left.");
        assertThat(changed).contains(REF);
        done.action().run(); // Undo
        assertThat(inRedis()).containsExactly("a", "b", "c");
        assertThat(shown(model)).containsExactly("a", "b", "c");
        assertThat(model.historyProperty().get().lines()).as("issue 25: the session's history, newest first")
                .hasSize(2).first().asString().contains("  restore  ");
        assertThat(model.historyProperty().get()).contains("  clear  ", "@");
    }

    @Test
    void drainToAFileWritesWhatTheBackendWouldAndSetTtlIsUndoneExactly() throws Exception {
        push("a", "b");
        InspectorViewModel model = model();
        model.inspect(REF);
        Path out = home.resolve("drained.jsonl");
        model.drainTo(out);
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).filteredOn(l -> l.contains("\"raw\"")).hasSize(2);
        assertThat(inRedis()).isEmpty();

        push("x");
        model.reload();
        Optional<Duration> before = ws.inspect(REF, 0, 1).ttl();
        model.setTtl(new TtlChange.Set(Duration.ofSeconds(60)));
        assertThat(ws.inspect(REF, 0, 1).ttl()).hasValueSatisfying(t -> assertThat(t).isLessThanOrEqualTo(Duration.ofSeconds(60)));
        notices.get(notices.size() - 1).action().run(); // Undo
        assertThat(ws.inspect(REF, 0, 1).ttl()).hasValueSatisfying(t ->
                assertThat(t).isGreaterThan(Duration.ofSeconds(60)).isLessThanOrEqualTo(before.orElseThrow()));
    }

    /** Issue 25: "Remove N unreadable…" takes exactly the entries the backend drops; Undo puts each back at its index. */
    @Test
    void removeUnreadableTakesOnlyTheEntriesTheBackendDropsAndUndoPutsThemBack() {
        push("a");
        gateway.lettuceWrite("test: fixture", c -> c.rpush(REF.key(KeySchema.SEED), "{not json".getBytes(StandardCharsets.UTF_8)));
        push("b");
        gateway.lettuceWrite("test: fixture", c -> c.rpush(REF.key(KeySchema.SEED), "[1]".getBytes(StandardCharsets.UTF_8)));
        List<byte[]> before = gateway.lettuce(c -> c.lrange(REF.key(KeySchema.SEED), 0, -1));
        InspectorViewModel model = model();
        model.inspect(REF);
        assertThat(model.unreadableProperty().get()).isEqualTo(2);
        model.repairs().removeUnreadable();
        assertThat(inRedis()).containsExactly("a", "b");
        assertThat(model.unreadableProperty().get()).as("read again after the write").isZero();
        Notice done = notices.get(notices.size() - 1);
        assertThat(done.text()).startsWith("Removed 2 entries the backend cannot read from insp-1.");
        done.action().run(); // Undo
        List<byte[]> after = gateway.lettuce(c -> c.lrange(REF.key(KeySchema.SEED), 0, -1));
        assertThat(after).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(after.get(i)).as("entry " + i).isEqualTo(before.get(i));
        }
    }

    /** Issue 25: Announce sends the notify again, through the door, and says whether anyone heard it. */
    @Test
    void announceSendsTheNotifyAgainAndSaysWhoHeardIt() throws Exception {
        push("a");
        InspectorViewModel model = model();
        model.inspect(REF);
        model.repairs().announce();
        assertThat(notices).last().satisfies(n -> assertThat(n.text()).contains("no subscriber heard it"));
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (RedisGateway.Subscription sub = gateway.psubscribe("copilot:pending:notify:*".getBytes(StandardCharsets.UTF_8),
                (channel, message) -> heard.add(new String(channel, StandardCharsets.UTF_8)))) {
            assertThat(sub.isOpen()).isTrue();
            model.repairs().announce();
            assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("copilot:pending:notify:insp-1");
            assertThat(notices).last().satisfies(n -> assertThat(n.text()).isEqualTo("Announced insp-1: 1 subscriber heard it."));
        }
        assertThat(model.historyProperty().get()).contains("  announce  ");
    }

    /** Issue 25: a key of another type where the buffer belongs: nothing shown, "Remove key…" offered; Undo restores it. */
    @Test
    void aWrongTypeKeyIsShownAsSuchAndRemoveKeyTakesItWithAnUndo() {
        push("a");
        InspectorViewModel model = model();
        model.inspect(REF);
        assertThat(model.entries()).hasSize(1);
        gateway.lettuceWrite("test: fixture", c -> c.del(REF.key(KeySchema.SEED)));
        gateway.lettuceWrite("test: fixture", c -> c.set(REF.key(KeySchema.SEED), "a string".getBytes(StandardCharsets.UTF_8)));
        model.reload();
        assertThat(model.wrongTypeProperty().get()).isTrue();
        assertThat(model.entries()).as("nothing shown that was not just read").isEmpty();
        assertThat(model.headerProperty().get()).contains("not a list", "is a string");
        model.repairs().removeKey();
        assertThat(gateway.<Long>lettuce(c -> c.exists(REF.key(KeySchema.SEED)))).isZero();
        assertThat(model.wrongTypeProperty().get()).isFalse();
        Notice done = notices.get(notices.size() - 1);
        assertThat(done.text()).startsWith("Removed the key where insp-1's buffer belongs");
        done.action().run(); // Undo
        assertThat(gateway.<byte[]>lettuce(c -> c.get(REF.key(KeySchema.SEED)))).asString(StandardCharsets.UTF_8).isEqualTo("a string");
    }

    @Test
    void aFailedTurnsHeaderSaysWhenItEndedAndItsErrorFromTheTurnsOwnStream() {
        push("after the failure");
        gateway.lettuceWrite("test: fixture", c -> c.hset(KeySchema.SEED.metaKey(S), Map.of(
                "status".getBytes(StandardCharsets.UTF_8), "failed".getBytes(StandardCharsets.UTF_8),
                "turn_id".getBytes(StandardCharsets.UTF_8), "t-77".getBytes(StandardCharsets.UTF_8))));
        long ended = System.currentTimeMillis() - 125_000;
        byte[] stream = "chat:stream:t-77".getBytes(StandardCharsets.UTF_8);
        for (String[] chunk : new String[][] {{ended - 5_000 + "-0", "{\"type\":\"start\"}"},
                {ended - 1 + "-0", "{\"type\":\"error\",\"errorText\":\"Model quota exceeded\",\"code\":\"sdk_error\"}"},
                {ended + "-0", "{\"type\":\"finish\"}"}}) {
            gateway.lettuceWrite("test: fixture", c -> c.xadd(stream, new XAddArgs().id(chunk[0]),
                    Map.of("data".getBytes(StandardCharsets.UTF_8), chunk[1].getBytes(StandardCharsets.UTF_8))));
        }
        InspectorViewModel model = model();
        model.inspect(REF);
        assertThat(model.turnProperty().get()).startsWith("Turn: failed \u2014 Ended 2m 0")
                .contains("s ago; error: sdk_error: Model quota exceeded.  \u00b7  t-77");

        gateway.lettuceWrite("test: fixture", c -> c.del(stream));
        model.reload();
        assertThat(model.turnProperty().get()).contains("Its stream has expired or was never written");
    }
}
