package dev.pendingconsole.ui;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.devtools.Sandbox;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.redis.RedisGateway;
import dev.pendingconsole.support.RedisServer;
import dev.pendingconsole.support.TestRedis;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static dev.pendingconsole.ui.UiSupport.waitUntil;

/**
 * The console end to end, headless, against a real Redis seeded with the sandbox's demo data before each
 * test: a window on the connect screen, a data and config directory per test class (so a production mark
 * or a saved profile never leaks into another class), and the helpers every console test uses.
 */
@ExtendWith(RedisServer.class)
@Tag("slow") // minutes of servers started, killed or put to sleep: mvn test -DexcludedGroups=slow skips them
@ExtendWith(ApplicationExtension.class)
abstract class ConsoleTestBase {

    @TempDir
    static Path home;
    protected ConsoleWindow window;
    protected RedisGateway redis;

    /** Opens the window; each test class calls it from its own {@code @Start} (TestFX looks only there). */
    protected void open(Stage stage) {
        window = new ConsoleWindow(stage, Map.of("REDIS_URL", TestRedis.shared().url(),
                "PENDING_CONSOLE_HOME", home.toString()), false);
        stage.show();
    }

    /** Runs after {@code @Start} (on the FX thread, where Redis is refused) and before any test connects. */
    @BeforeEach
    void seed(RedisServer.Fresh server) {
        redis = server.gateway();
        Sandbox.seed(redis, KeySchema.SEED);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(window::close);
        redis.close();
    }

    @SuppressWarnings("unchecked")
    protected TableView<BufferSummary> sessions(FxRobot robot) {
        return robot.lookup("#sessions").queryAs(TableView.class);
    }

    /** Connects with what the connect screen holds and waits until the scan has listed {@code buffers}. */
    protected void connect(FxRobot robot, int buffers) {
        robot.clickOn("#connect");
        waitUntil("the scan has listed the demo buffers", () -> robot.lookup("#sessions").tryQuery().isPresent()
                && sessions(robot).getItems().size() >= buffers && !window.main().sessions().scanningProperty().get()
                && !window.main().sessions().orderingProperty().get());
    }

    protected long llen(String session) {
        return redis.<Long>lettuce(r -> r.llen(("copilot:pending:" + session).getBytes(StandardCharsets.UTF_8)));
    }

    /** Selects the row of {@code session} alone and waits until the inspector shows its entries. */
    protected void select(FxRobot robot, String session) {
        robot.interact(() -> {
            BufferSummary row = sessions(robot).getItems().stream().filter(b -> b.session().text().equals(session))
                    .findFirst().orElseThrow();
            sessions(robot).getSelectionModel().clearSelection();
            sessions(robot).getSelectionModel().select(row);
            sessions(robot).scrollTo(row);
        });
        waitUntil("the inspector shows " + session, () -> UiSupport.find(robot, "#inspector-header", Label.class)
                .getText().startsWith(session) && !UiSupport.find(robot, "#entries", TableView.class).getItems().isEmpty());
    }
}
