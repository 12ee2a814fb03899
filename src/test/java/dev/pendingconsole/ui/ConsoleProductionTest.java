package dev.pendingconsole.ui;

import dev.pendingconsole.support.TestRedis;

import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import static dev.pendingconsole.ui.UiSupport.find;
import static dev.pendingconsole.ui.UiSupport.waitForRedis;
import static dev.pendingconsole.ui.UiSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production is a property of the connection: ticked for a URL typed ad hoc, it shows the banner, every
 * write asks for the session id to be typed (OK stays disabled until it matches), and the server is
 * remembered as production for the next connection to it. Its own config directory: the mark would make
 * other tests' connections production.
 */
class ConsoleProductionTest extends ConsoleTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void anAdHocProductionConnectionAsksForTheTypedIdAndIsRemembered(FxRobot robot) {
        robot.clickOn("#production");
        connect(robot, 11);
        assertThat(find(robot, "#production-banner", Label.class).getText()).startsWith("PRODUCTION");
        robot.interact(() -> {
            var row = sessions(robot).getItems().stream().filter(b -> b.session().text().equals("demo-healthy-1"))
                    .findFirst().orElseThrow();
            sessions(robot).getSelectionModel().select(row);
        });
        waitUntil("the inspector shows it", () -> find(robot, "#inspector-header", Label.class).getText().startsWith("demo-healthy-1"));

        robot.clickOn("#clear");
        waitUntil("the confirmation shows", () -> robot.lookup("#confirm-session").tryQuery().isPresent());
        Button ok = robot.lookup("#confirm-dialog .button").queryAllAs(Button.class).stream()
                .filter(b -> "OK".equals(b.getText())).findFirst().orElseThrow();
        assertThat(ok.isDisabled()).as("OK with nothing typed").isTrue();
        robot.interact(() -> find(robot, "#confirm-session", TextField.class).setText("demo-healthy-2"));
        assertThat(ok.isDisabled()).as("OK with another session's id").isTrue();
        UiSupport.snapshot(robot, robot.lookup("#confirm-dialog").query().getScene(), "confirm-production");
        robot.interact(() -> find(robot, "#confirm-session", TextField.class).setText("demo-healthy-1"));
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);
        waitForRedis("the clear ran", () -> llen("demo-healthy-1") == 0);

        robot.clickOn("#disconnect");
        waitUntil("the connect screen is back", () -> robot.lookup("#connect").tryQuery().isPresent());
        robot.interact(() -> find(robot, "#url", TextField.class).setText(TestRedis.shared().url()));
        if (find(robot, "#production", CheckBox.class).isSelected()) {
            robot.clickOn("#production");
        }
        connect(robot, 10); // one fewer: demo-healthy-1 was cleared
        assertThat(robot.lookup("#production-banner").tryQuery()).as("remembered for the server's URL").isPresent();
    }
}
