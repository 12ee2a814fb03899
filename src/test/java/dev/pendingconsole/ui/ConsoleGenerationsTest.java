package dev.pendingconsole.ui;

import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ui.inspector.EntryRow;

import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import static dev.pendingconsole.ui.UiSupport.find;
import static dev.pendingconsole.ui.UiSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The console on a keyspace of both generations: each buffer read by its own backend's rules, and shown so. */
class ConsoleGenerationsTest extends ConsoleTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void todaysBufferShowsItsGenerationTheExactAgeEachEntrysTimeAndWhetherItGotThrough(FxRobot robot) {
        connect(robot, 14);
        BufferSummary running = sessions(robot).getItems().stream()
                .filter(b -> b.session().text().equals("demo-current-running")).findFirst().orElseThrow();
        assertThat(running.isStuck()).as("its running turn is read at chat:task:meta:{sid}").isFalse();
        @SuppressWarnings("unchecked")
        TableColumn<BufferSummary, String> generation = (TableColumn<BufferSummary, String>)
                sessions(robot).getColumns().stream().filter(c -> "generation-column".equals(c.getId())).findFirst().orElseThrow();
        assertThat(generation.getCellData(running)).isEqualTo("current");
        assertThat(generation.getCellData(sessions(robot).getItems().stream()
                .filter(b -> b.session().text().equals("demo-healthy-1")).findFirst().orElseThrow())).isEqualTo("seed");
        select(robot, "demo-current-running");
        String header = find(robot, "#inspector-header", Label.class).getText();
        assertThat(header).contains("current backend", "last push 10m").doesNotContain("estimated");
        @SuppressWarnings("unchecked")
        TableView<EntryRow> entries = find(robot, "#entries", TableView.class);
        assertThat(entries.getItems().get(0).queued()).startsWith("10m");

        robot.clickOn("Delivery");
        waitUntil("the delivery tab has read the session", () -> find(robot, "#delivery-text", TextArea.class).getText()
                .contains("Idempotency claims"));
        assertThat(find(robot, "#delivery-text", TextArea.class).getText()).contains("blocking=0", "status=running",
                "Persist queue (copilot:pending-persist:demo-current-running): 1 entry", "msg-7  accepted",
                "msg-8  reserved by worker-2");
        UiSupport.snapshot(robot, window.stage().getScene(), "delivery");

        robot.clickOn("Inspector");
        select(robot, "demo-healthy-1");
        assertThat(find(robot, "#inspector-header", Label.class).getText()).contains("seed backend", "(est.)", "as of ");
    }
}
