package dev.pendingconsole.ui;

import dev.pendingconsole.devtools.LocalRedis;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.local.ProfileStore;
import dev.pendingconsole.ops.Fleet;
import dev.pendingconsole.support.TestRedis;

import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static dev.pendingconsole.ui.UiSupport.find;
import static dev.pendingconsole.ui.UiSupport.onFx;
import static dev.pendingconsole.ui.UiSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25: the Servers tab shows what {@code pending fleet} does: three saved profiles, one with stuck
 * buffers, one healthy and production, one unreachable; a double-click opens one.
 */
class ServersViewTest extends ConsoleTestBase {

    private LocalRedis healthy;
    private int nobody;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @BeforeEach
    void saveThreeProfiles() throws Exception {
        healthy = LocalRedis.start();
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        ConnectionProfile prod = ConnectionProfile.of("healthy", healthy.url());
        prod = new ConnectionProfile(prod.name(), prod.url(), true, null, prod.mode(), prod.schema(), false, true);
        new ProfileStore(ConfigDir.locate(Map.of("PENDING_CONSOLE_HOME", home.toString())).profiles()).save(List.of(
                ConnectionProfile.of("stuck-one", TestRedis.shared().url()), prod,
                ConnectionProfile.of("gone", "redis://127.0.0.1:" + nobody)));
    }

    @AfterEach
    void stopHealthy() {
        healthy.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<Fleet.Look> servers(FxRobot robot) {
        return robot.lookup("#servers").queryAs(TableView.class);
    }

    @Test
    void theServersTabShowsEverySavedServerAndADoubleClickOpensOne(FxRobot robot) {
        connect(robot, 11);
        robot.interact(() -> { // its header may sit in the tab strip's overflow menu in a narrow window
            TabPane pane = robot.lookup(".tab-pane").queryAs(TabPane.class);
            pane.getSelectionModel().select(pane.getTabs().stream().filter(t -> "tab-servers".equals(t.getId())).findFirst().orElseThrow());
        });
        waitUntil("all three servers looked at", () -> robot.lookup("#servers").tryQuery().isPresent()
                && servers(robot).getItems().size() == 3);
        List<Fleet.Look> rows = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> List.copyOf(servers(robot).getItems())));
        assertThat(rows).extracting(l -> l.profile().name()).containsExactly("stuck-one", "healthy", "gone");
        assertThat(rows.get(0).health().stuck()).isPositive();
        assertThat(rows.get(0).crossed(0)).isTrue();
        assertThat(rows.get(1).profile().production()).isTrue();
        assertThat(rows.get(1).crossed(0)).isFalse();
        assertThat(rows.get(2).reachable()).isFalse();
        assertThat(find(robot, "#servers-status", Label.class).getText()).contains("Looked at 3 servers", "1 unreachable",
                "1 over the stuck threshold");
        UiSupport.snapshot(robot, window.stage().getScene(), "servers");

        robot.doubleClickOn("healthy  PROD");
        waitUntil("the healthy server is open", () -> window.main() != null && window.stage().getTitle().contains("healthy")
                && robot.lookup("#sessions").tryQuery().isPresent() && !window.main().sessions().scanningProperty().get());
        assertThat(onFx(() -> sessions(robot).getItems().isEmpty())).as("the healthy server holds no buffer").isTrue();
    }
}
