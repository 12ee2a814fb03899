package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.RedisServer;
import dev.pendingconsole.ui.common.Background;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sessions table's view model without a window: its scans, lookups, sorting and recounts run on the
 * calling thread ({@link Background#onCallingThread()}), against a real Redis. Every public action.
 */
@ExtendWith(RedisServer.class)
class SessionsViewModelTest {

    private Workspace ws;
    private RedisGateway gateway;
    private PendingBuffers buffers;
    private SessionsViewModel model;

    @BeforeEach
    void open(RedisServer.Fresh redis) {
        ws = redis.workspace(KeySchema.SEED, false);
        gateway = redis.gateway();
        buffers = new PendingBuffers(gateway, KeySchema.SEED);
        model = new SessionsViewModel(ws, Background.onCallingThread());
        for (String s : List.of("team-a", "team-b", "solo")) {
            buffers.push(SessionId.of(s), PendingMessage.of("hello from " + s));
        }
        buffers.push(SessionId.of("team-b"), PendingMessage.of("second"));
        // no TTL: stuck for "no-ttl"
        gateway.lettuceWrite("test: fixture", c -> c.rpush(bytes("copilot:pending:forever"),
                bytes("{\"content\":\"x\",\"file_ids\":[],\"context\":null}")));
    }

    @AfterEach
    void close() {
        model.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static BufferRef ref(String session) {
        return new BufferRef(SessionId.of(session), KeyLayout.PLAIN);
    }

    private List<String> shown() {
        return model.rows().stream().map(b -> b.session().text()).toList();
    }

    @Test
    void refreshFindsEveryBufferAndCountsThem() {
        assertThat(model.emptyTextProperty().get()).isEqualTo("No buffers found yet.");
        model.setOrder(Comparator.comparing(b -> b.session().text()));
        model.refresh();
        assertThat(model.scanningProperty().get()).isFalse();
        assertThat(shown()).containsExactly("forever", "solo", "team-a", "team-b");
        assertThat(model.totalProperty().get()).isEqualTo(4);
        assertThat(model.stuckProperty().get()).isEqualTo(1);
        assertThat(model.countProperty(StuckReason.NO_TTL).get()).isEqualTo(1);
        assertThat(model.statusProperty().get()).startsWith("4 buffers, 1 stuck");
        assertThat(model.rowOf(ref("team-b")).map(BufferSummary::length)).hasValue(2L);
        assertThat(model.emptyTextProperty().get()).isEmpty();
    }

    /** Issue 25: the status line's counts follow the feed between scans (they used to wait for the next scan). */
    @Test
    void theStatusLinesCountsFollowABufferLookedUpBetweenScans() {
        model.refresh();
        assertThat(model.statusProperty().get()).startsWith("4 buffers, 1 stuck");
        gateway.lettuceWrite("test: fixture", c -> c.rpush(bytes("copilot:pending:forever-2"),
                bytes("{\"content\":\"y\",\"file_ids\":[],\"context\":null}")));
        model.reload(ref("forever-2")); // what a push heard on the feed does
        assertThat(model.statusProperty().get()).startsWith("5 buffers, 2 stuck");
        assertThat(model.stuckProperty().get()).isEqualTo(2);
    }

    @Test
    void filtersByTextByGlobAndByStuckReasonAndSayWhatTheyLeave() {
        model.setOrder(Comparator.comparing(b -> b.session().text()));
        model.refresh();
        model.filterProperty().set("team-*");
        assertThat(shown()).containsExactly("team-a", "team-b");
        assertThat(model.shownTextProperty().get()).isEqualTo("2 of 4 shown");
        model.filterProperty().set("OL"); // a substring, any case
        assertThat(shown()).containsExactly("solo");
        model.filterProperty().set("nothing-like-it");
        assertThat(shown()).isEmpty();
        assertThat(model.emptyTextProperty().get()).isEqualTo("No buffer matches 'nothing-like-it'.");
        model.filterProperty().set("");
        model.reasonProperty().set(StuckReason.NO_TTL);
        assertThat(shown()).containsExactly("forever");
        model.reasonProperty().set(null);
        model.stuckOnlyProperty().set(true);
        assertThat(shown()).containsExactly("forever");
        assertThat(model.bulkTargets()).extracting(b -> b.session().text()).containsExactly("forever");
    }

    @Test
    void aSearchInsideMessagesShowsTheBuffersThatHoldTheTextAndWhichEntries() {
        model.refresh();
        model.inMessagesProperty().set(true);
        model.filterProperty().set("second");
        assertThat(shown()).containsExactly("team-b");
        assertThat(model.matchesOf(ref("team-b"))).containsExactly(1);
        assertThat(model.searchStateProperty().get()).isEqualTo("1 buffer holds a message with 'second'");
        model.inMessagesProperty().set(false);
        assertThat(model.matchesOf(ref("team-b"))).isEmpty();
    }

    @Test
    void bulkTargetsAreTheCheckedRowsByIdentityOrNothingWithoutAFilter() {
        model.refresh();
        assertThat(model.bulkTargets()).as("no filter, no selection: a bulk action has no targets").isEmpty();
        model.checked().setAll(ref("solo"), ref("team-a"));
        assertThat(model.bulkTargets()).extracting(b -> b.session().text()).containsExactlyInAnyOrder("solo", "team-a");
    }

    @Test
    void aPushOrAReloadLooksTheBufferUpAgainAndAGoneBufferLeavesTheTable() {
        model.refresh();
        model.pinnedProperty().set(ref("solo"));
        assertThat(model.pinnedRow()).isPresent();
        buffers.push(SessionId.of("solo"), PendingMessage.of("again"));
        buffers.push(SessionId.of("newcomer"), PendingMessage.of("hi"));
        model.pushed(ref("solo"));
        model.pushed(ref("newcomer"));
        assertThat(model.pushesProperty().get()).isEqualTo(2);
        assertThat(model.rowOf(ref("solo")).map(BufferSummary::length)).hasValue(2L);
        assertThat(model.rowOf(ref("newcomer"))).isPresent();
        buffers.drain(SessionId.of("solo"));
        model.reload(ref("solo"));
        assertThat(model.rowOf(ref("solo"))).isEmpty();
        assertThat(model.pinnedRow()).as("the pinned buffer is gone from the table").isEmpty();
        assertThat(model.pinnedProperty().get()).as("but stays pinned, by identity").isEqualTo(ref("solo"));
        model.filterProperty().set("team-a");
        model.pinnedProperty().set(ref("team-b"));
        assertThat(model.pinnedRow()).as("filtered out: not on screen").isEmpty();
    }

    @Test
    void aCancelledScanKeepsTheRowsFoundAndSaysSo() {
        model.refresh();
        model.cancelScan(); // nothing running: nothing to cancel
        assertThat(model.statusProperty().get()).startsWith("4 buffers");
        model.scanningProperty().set(true); // as if a scan were running
        model.cancelScan();
        assertThat(model.scanningProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Scan cancelled; 4 buffers shown.");
        assertThat(model.allRows()).hasSize(4);
    }
}
