package dev.pendingconsole.ui;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.TtlChange;
import dev.pendingconsole.redis.PendingBuffers;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.pendingconsole.ui.UiSupport.find;
import static dev.pendingconsole.ui.UiSupport.waitForRedis;
import static dev.pendingconsole.ui.UiSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's target is a buffer's identity: the selection, the inspector and Inject stay on the buffer
 * the operator chose while rows move under them, whether a push from outside, a re-scan or the console's
 * own write moves them.
 */
class ConsoleTargetTest extends ConsoleTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private void connect(FxRobot robot) {
        connect(robot, 11);
        waitUntil("the live feed is on", () -> window.main().sessions().feedModeProperty().get().startsWith("live"));
    }

    private BufferRef ref(String session) {
        return new BufferRef(SessionId.of(session), KeyLayout.PLAIN);
    }

    /** Selection, inspector and Inject all still aim at {@code session}. */
    private void assertTargetIs(FxRobot robot, String session) {
        waitUntil("the table's selection is back on " + session, () -> {
            BufferSummary selected = sessions(robot).getSelectionModel().getSelectedItem();
            return selected == null || selected.session().text().equals(session);
        });
        assertThat(window.main().sessions().pinnedProperty().get()).isEqualTo(ref(session));
        assertThat(window.main().inspector().bufferProperty().get()).isEqualTo(ref(session));
        assertThat(find(robot, "#inspector-header", Label.class).getText()).startsWith(session);
        assertThat(window.main().inject().targetProperty().get()).isEqualTo(ref(session));
        assertThat(window.main().inject().sessionProperty().get()).isEqualTo(session);
    }

    @Test
    void pushesFromOutsideMoveRowsButNotTheTarget(FxRobot robot) {
        connect(robot);
        select(robot, "demo-healthy-2");
        int before = sessions(robot).getSelectionModel().getSelectedIndex();
        PendingBuffers backend = new PendingBuffers(redis, KeySchema.SEED);
        for (int i = 0; i < 5; i++) { // new sessions that sort before it: every row below them moves down
            backend.push(SessionId.of("aaa-new-" + i), PendingMessage.of("from outside"));
        }
        backend.push(SessionId.of("demo-healthy-1"), PendingMessage.of("a push to the row above"));
        backend.push(SessionId.of("demo-healthy-2"), PendingMessage.of("and one to the selected buffer itself"));
        waitUntil("the new rows are listed", () -> sessions(robot).getItems().stream()
                .filter(b -> b.session().text().startsWith("aaa-new-")).count() == 5);
        waitUntil("the selected buffer's row shows its new length", () -> sessions(robot).getItems().stream()
                .anyMatch(b -> b.session().text().equals("demo-healthy-2") && b.length() == 2));
        assertThat(sessions(robot).getSelectionModel().getSelectedIndex()).as("the row moved").isNotEqualTo(before);
        assertTargetIs(robot, "demo-healthy-2");
        assertThat(sessions(robot).getSelectionModel().getSelectedItem().session().text()).isEqualTo("demo-healthy-2");

        robot.clickOn("#refresh"); // a re-scan replaces every row
        waitUntil("the re-scan is done", () -> !window.main().sessions().scanningProperty().get()
                && !window.main().sessions().orderingProperty().get());
        assertTargetIs(robot, "demo-healthy-2");
    }

    @Test
    void theConsolesOwnWritesKeepTheTarget(FxRobot robot) {
        connect(robot);
        select(robot, "demo-healthy-3");

        robot.clickOn("#clear");
        UiSupport.answer(robot, "OK");
        waitForRedis("the entries are gone", () -> llen("demo-healthy-3") == 0);
        waitUntil("the emptied buffer leaves the table", () -> sessions(robot).getItems().stream()
                .noneMatch(b -> b.session().text().equals("demo-healthy-3")));
        assertTargetIs(robot, "demo-healthy-3");
        assertThat(sessions(robot).getSelectionModel().getSelectedItem()).as("no other row took its place").isNull();

        waitUntil("Undo is offered", () -> robot.lookup("#undo").tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.clickOn("#undo");
        waitForRedis("the entries are back", () -> llen("demo-healthy-3") == 3);
        waitUntil("its row is back, selected", () -> sessions(robot).getSelectionModel().getSelectedItem() != null
                && sessions(robot).getSelectionModel().getSelectedItem().session().text().equals("demo-healthy-3"));
        assertTargetIs(robot, "demo-healthy-3");

        robot.clickOn("Inject");
        assertThat(find(robot, "#inject-target", Label.class).getText()).contains("copilot:pending:demo-healthy-3", "user-3", "/10");
        robot.interact(() -> find(robot, "#inject-content", TextArea.class).setText("pushed from the console"));
        waitUntil("a valid message can be pushed", () -> !find(robot, "#inject-push", Button.class).isDisabled());
        robot.clickOn("#inject-push");
        waitForRedis("the push landed on the target", () -> llen("demo-healthy-3") == 4);
        waitUntil("the row shows it", () -> sessions(robot).getItems().stream()
                .anyMatch(b -> b.session().text().equals("demo-healthy-3") && b.length() == 4));
        assertTargetIs(robot, "demo-healthy-3");
        assertThat(llen("demo-healthy-2")).as("nothing went to a neighbour").isEqualTo(1);

        robot.clickOn("Inspector");
        waitUntil("the inspector shows the pushed entry", () -> find(robot, "#entries", TableView.class).getItems().size() == 4);
        robot.interact(() -> window.main().inspector().setTtl(new TtlChange.Set(Duration.ofSeconds(120))));
        UiSupport.answer(robot, "OK");
        waitForRedis("the TTL changed", () -> redis.<Long>lettuce(r -> r.ttl(key("demo-healthy-3"))) <= 120);
        assertTargetIs(robot, "demo-healthy-3");

        robot.clickOn("#remove");
        UiSupport.answer(robot, "OK");
        waitForRedis("one entry was removed", () -> llen("demo-healthy-3") == 3);
        waitUntil("the row shows it", () -> sessions(robot).getItems().stream()
                .anyMatch(b -> b.session().text().equals("demo-healthy-3") && b.length() == 3));
        assertTargetIs(robot, "demo-healthy-3");
        assertThat(llen("demo-healthy-1") + llen("demo-healthy-2")).as("nothing left a neighbour").isEqualTo(3);
    }

    private static byte[] key(String session) {
        return ("copilot:pending:" + session).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void drainTakesTheFirstTenAsTheBackendDoesAfterAsking(FxRobot robot) throws Exception {
        connect(robot);
        select(robot, "demo-over-cap");
        Path file = home.resolve("over-cap-drained.jsonl");
        robot.interact(() -> window.main().inspector().drainTo(file));
        waitUntil("the plan says what it drains", () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        assertThat(robot.lookup("#confirm-dialog .header-panel .label").queryAs(Label.class).getText())
                .contains("Drain 10 entries", "the first 10", "4 stay");
        UiSupport.answer(robot, "OK");
        waitForRedis("ten entries are drained", () -> llen("demo-over-cap") == 4);
        assertThat(BackupFile.read(file).entries()).hasSize(10);
        waitUntil("the notice says so", () -> find(robot, "#notification", Label.class).getText()
                .contains("the first 10, as the backend does"));
        assertTargetIs(robot, "demo-over-cap");

        Files.writeString(home.resolve("taken.jsonl"), "keep\n");
        robot.interact(() -> window.main().inspector().drainTo(home.resolve("taken.jsonl")));
        waitUntil("an existing file is refused", () -> find(robot, "#notification", Label.class).getText()
                .contains("already exists"));
        assertThat(Files.readString(home.resolve("taken.jsonl"))).isEqualTo("keep\n");
        assertThat(llen("demo-over-cap")).isEqualTo(4);
    }
}
