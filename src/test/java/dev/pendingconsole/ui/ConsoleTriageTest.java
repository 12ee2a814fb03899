package dev.pendingconsole.ui;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.support.Backups;
import dev.pendingconsole.ui.inspector.EntryRow;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.pendingconsole.ui.UiSupport.find;
import static dev.pendingconsole.ui.UiSupport.waitForRedis;
import static dev.pendingconsole.ui.UiSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Triage on a laptop screen (1024x700): every action in reach, counts that filter, search inside messages, bulk clear. */
class ConsoleTriageTest extends ConsoleTestBase {

    @Start
    void start(Stage stage) {
        stage.setWidth(1024);
        stage.setHeight(700);
        open(stage);
    }

    private static final List<String> IDLE = List.of("{demo-current-idle}", "demo-idle-no-turn", "demo-idle-turn-completed",
            "demo-idle-turn-failed");

    private long idleEntries() {
        return IDLE.stream().mapToLong(this::llen).sum();
    }

    @Test
    void atTenTwentyFourBySevenHundredEveryToolbarActionIsInReachAndTheEntryListShowsFiveRows(FxRobot robot) {
        connect(robot, 14);
        select(robot, "demo-over-cap");
        double width = window.stage().getScene().getWidth();
        ToolBar toolbar = robot.lookup(".tool-bar").queryAs(ToolBar.class);
        assertThat(UiSupport.onFx(() -> toolbar.getItems().stream().filter(Node::isManaged)
                .allMatch(n -> n.isVisible() && n.getScene() != null && n.localToScene(n.getBoundsInLocal()).getMaxX() <= width)))
                .as("no toolbar item is pushed out of the window or into an overflow menu").isTrue();
        assertThat(robot.lookup(".tool-bar-overflow-button").tryQuery().map(Node::isVisible).orElse(false)).isFalse();
        UiSupport.snapshot(robot, window.stage().getScene(), "triage-1024x700");
        int[] rows = new int[1];
        double[] size = new double[2];
        robot.interact(() -> {
            rows[0] = wholeRows(robot, "#entries");
            size[0] = window.stage().getScene().getWidth();
            size[1] = window.stage().getScene().getHeight();
        });
        assertThat(rows[0]).as("entry rows fully visible in a scene of " + size[0] + "x" + size[1]).isGreaterThanOrEqualTo(5);
        assertThat(UiSupport.onFx(() -> sessions(robot).getColumns().get(0).getWidth() >= 150)).as("the session column").isTrue();
        UiSupport.snapshot(robot, window.stage().getScene(), "triage-1024x700");
    }

    /** Rows of the table that are in full view and hold an item. */
    private static int wholeRows(FxRobot robot, String table) {
        Node flow = robot.lookup(table + " .virtual-flow").query();
        Bounds view = flow.localToScene(flow.getBoundsInLocal());
        int n = 0;
        for (Node cell : robot.lookup(table + " .table-row-cell").queryAll()) {
            Bounds b = cell.localToScene(cell.getBoundsInLocal());
            if (cell.isVisible() && ((IndexedCell<?>) cell).getItem() != null && b.getMinY() >= view.getMinY() - 0.5
                    && b.getMaxY() <= view.getMaxY() + 0.5) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theReasonChipsCountAndFilter(FxRobot robot) {
        connect(robot, 14);
        waitUntil("the chips count", () -> find(robot, "#chip-idle", ToggleButton.class).getText().equals("idle 4"));
        robot.clickOn("#chip-idle");
        waitUntil("only idle buffers show", () -> sessions(robot).getItems().size() == 4);
        assertThat(sessions(robot).getItems()).allSatisfy(b -> assertThat(b.stuck()).contains(StuckReason.IDLE));
        assertThat(find(robot, "#shown-count", Label.class).getText()).isEqualTo("4 of 15 shown");
        robot.clickOn("#chip-all");
        waitUntil("all buffers show again", () -> sessions(robot).getItems().size() == 15);
        assertThat(find(robot, "#shown-count", Label.class).getText()).isEmpty();
        robot.clickOn("#filter").write("no-such-thing");
        waitUntil("the table says nothing matches", () -> find(robot, "#sessions-empty", Label.class).getText()
                .equals("No buffer matches 'no-such-thing'."));
    }

    @Test
    void inMessagesFindsABufferByAWordInsideItsThirdEntryAndShowsThatEntry(FxRobot robot) {
        byte[] key = "copilot:pending:search-me".getBytes(StandardCharsets.UTF_8);
        redis.lettuce(r -> r.rpush(key, "{\"content\":\"first\"}".getBytes(StandardCharsets.UTF_8),
                "{\"content\":\"second\"}".getBytes(StandardCharsets.UTF_8),
                "{\"content\":\"the third one mentions a Zebra\"}".getBytes(StandardCharsets.UTF_8)));
        redis.lettuce(r -> r.expire(key, 3600));
        connect(robot, 15);
        robot.clickOn("#filter").write("zebra");
        waitUntil("no session id holds the word", () -> sessions(robot).getItems().isEmpty());
        robot.clickOn("#in-messages");
        waitUntil("the buffer holding it shows", () -> sessions(robot).getItems().size() == 1);
        assertThat(sessions(robot).getItems().get(0).session().text()).isEqualTo("search-me");
        assertThat(find(robot, "#search-state", Label.class).getText()).isEqualTo("1 buffer holds a message with 'zebra'");
        robot.interact(() -> sessions(robot).getSelectionModel().select(0));
        @SuppressWarnings("unchecked")
        TableView<EntryRow> entries = find(robot, "#entries", TableView.class);
        waitUntil("the matching entry is selected", () -> entries.getSelectionModel().getSelectedItem() != null
                && entries.getSelectionModel().getSelectedItem().index() == 2);
        assertThat(entries.getItems()).filteredOn(EntryRow::matched).extracting(EntryRow::index).containsExactly(2L);
    }

    @Test
    void aBulkClearOfAFilteredSetPreviewsAsksOnceBacksUpOnceAndUndoRestoresAll(FxRobot robot) throws Exception {
        long before = idleEntries();
        assertThat(before).isEqualTo(5);
        List<Path> backupsBefore = Backups.in(home);
        connect(robot, 14);
        robot.clickOn("#chip-idle");
        waitUntil("the bulk button offers the four shown", () -> find(robot, "#bulk-clear", Button.class).getText().equals("Clear 4 shown buffers\u2026"));
        robot.clickOn("#bulk-clear");
        waitUntil("the confirmation dialog shows", () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        assertThat(dialogText(robot)).contains("Clear 4 buffers, 5 entries", "demo-idle-no-turn");
        UiSupport.answer(robot, "OK");
        waitForRedis("the idle buffers are empty", () -> idleEntries() == 0);
        assertThat(llen("demo-healthy-1")).as("not shown: untouched").isEqualTo(2);
        List<Path> created = Backups.in(home).stream().filter(p -> !backupsBefore.contains(p)).toList();
        assertThat(created).as("one backup file for the whole clear").hasSize(1);
        waitUntil("Undo is offered", () -> robot.lookup("#undo").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#undo");
        waitForRedis("Undo put every entry back", () -> idleEntries() == before);
    }

    private static String dialogText(FxRobot robot) {
        StringBuilder out = new StringBuilder();
        for (Node n : robot.lookup("#confirm-dialog .label").queryAll()) {
            out.append(((Labeled) n).getText()).append('\n');
        }
        robot.lookup("#confirm-dialog .text-area").queryAll()
                .forEach(n -> out.append(((TextArea) n).getText()).append('\n'));
        return out.toString();
    }


    @Test
    void theProfilesStuckAlertNotifiesOncePerCrossing(FxRobot robot) {
        robot.interact(() -> find(robot, "#stuck-alert", TextField.class).setText("5"));
        connect(robot, 14);
        waitUntil("the crossing is announced", () -> find(robot, "#notification", Label.class).getText()
                .equals("8 buffers are stuck (more than 5)."));
        robot.interact(() -> window.main().sessions().refresh());
        waitUntil("the second scan ends", () -> !window.main().sessions().scanningProperty().get());
        robot.interact(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).forEach(pane ->
                pane.getTabs().stream().filter(t -> "tab-activity".equals(t.getId())).findFirst()
                        .ifPresent(pane.getSelectionModel()::select))); // at 1024 pixels the tab is in the overflow menu
        @SuppressWarnings("unchecked")
        ListView<String> activity = find(robot, "#activity", ListView.class);
        assertThat(activity.getItems()).filteredOn(l -> l.contains("buffers are stuck")).as("once per crossing").hasSize(1);
    }

    @Test
    void aMultiSelectionFollowsItsBuffersWhenRowsMoveUnderIt(FxRobot robot) {
        connect(robot, 14);
        robot.interact(() -> {
            var table = sessions(robot);
            table.getSelectionModel().clearSelection();
            table.getItems().stream().filter(b -> b.session().text().equals("demo-healthy-2")
                    || b.session().text().equals("demo-healthy-3")).forEach(table.getSelectionModel()::select);
        });
        waitUntil("two rows are the bulk targets", () -> find(robot, "#bulk-clear", Button.class).getText().equals("Clear 2 selected buffers\u2026"));
        // a new buffer lands from outside: rows shift under the selection
        new PendingBuffers(redis, KeySchema.SEED)
                .push(SessionId.of("demo-aaa-new"), PendingMessage.of("x"));
        waitUntil("the new row shows", () -> sessions(robot).getItems().stream().anyMatch(b -> b.session().text().equals("demo-aaa-new")));
        waitUntil("the selection is still those two buffers", () -> sessions(robot).getSelectionModel().getSelectedItems().stream()
                .map(b -> b.session().text()).sorted().toList().equals(List.of("demo-healthy-2", "demo-healthy-3")));
        assertThat(window.main().sessions().bulkTargets()).extracting(b -> b.session().text())
                .containsExactlyInAnyOrder("demo-healthy-2", "demo-healthy-3");
    }
}
