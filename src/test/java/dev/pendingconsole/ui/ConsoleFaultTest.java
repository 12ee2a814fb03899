package dev.pendingconsole.ui;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.devtools.Sandbox;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.ControlledRedis;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.pendingconsole.ui.UiSupport.find;
import static dev.pendingconsole.ui.UiSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's own Redis dies under it (SIGKILL) and comes back with its append-only file: the console
 * says so in words, stays usable, and picks the server up again without reconnecting by hand.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleFaultTest {

    @TempDir
    static Path home;
    private static ControlledRedis server;
    private ConsoleWindow window;

    @BeforeEach
    void seed() {
        try (RedisGateway redis = RedisGateway.open(RedisTarget.parse(server().url()))) {
            redis.lettuce(r -> r.flushall());
            Sandbox.seed(redis, KeySchema.SEED);
        }
    }

    private static synchronized ControlledRedis server() {
        if (server == null) {
            server = ControlledRedis.start(List.of("--appendonly", "yes", "--appendfsync", "always"));
        }
        return server;
    }

    @Start
    void start(Stage stage) {
        window = new ConsoleWindow(stage, Map.of("REDIS_URL", server().url(), "PENDING_CONSOLE_HOME", home.toString()), false);
        stage.show();
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(window::close);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private String status(FxRobot robot) {
        return find(robot, "#status", Label.class).getText();
    }

    @Test
    void aServerKilledUnderTheConsoleIsReportedAndPickedUpAgainWhenItReturns(FxRobot robot) {
        robot.clickOn("#connect");
        waitUntil("the demo buffers are listed", () -> robot.lookup("#sessions").tryQuery().isPresent()
                && status(robot).contains("buffers,"));
        @SuppressWarnings("unchecked")
        TableView<BufferSummary> sessions = robot.lookup("#sessions").queryAs(TableView.class);
        int listed = sessions.getItems().size();

        server.kill();
        robot.clickOn("#refresh");
        waitUntil("the failed scan says why", () -> status(robot).startsWith("Scan failed:"));
        assertThat(status(robot)).containsAnyOf("connection refused", "connection to", "lost", "did not answer");
        assertThat(sessions.getItems()).as("what was listed stays on screen").hasSize(listed);
        robot.clickOn("#filter").write("demo-no-ttl");
        waitUntil("the console stays usable", () -> sessions.getItems().size() == 1);
        robot.doubleClickOn("#filter").eraseText(11);

        server.restart();
        robot.clickOn("#refresh");
        waitUntil("the next scan finds the server again", () -> status(robot).contains("buffers,")
                && sessions.getItems().size() == listed);
    }
}
