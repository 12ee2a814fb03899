package dev.pendingconsole.ui;

import dev.pendingconsole.cli.Cli;
import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.local.BackupCatalog;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.support.TestRedis;
import dev.pendingconsole.ui.backups.BackupsViewModel;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.pendingconsole.ui.UiSupport.find;
import static dev.pendingconsole.ui.UiSupport.waitForRedis;
import static dev.pendingconsole.ui.UiSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25: the Backups tab lists what {@code pending backups} does (a backup of another server marked),
 * previews a backup's entries as the file holds them, and restores one through the write door, which asks.
 */
class ConsoleBackupsTest extends ConsoleTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @SuppressWarnings("unchecked")
    private static <T> TableView<T> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    @Test
    void theBackupsTabListsPreviewsAndRestoresThroughTheDoorMarkingAnotherServersBackup(FxRobot robot) throws Exception {
        Map<String, String> env = Map.of("PENDING_CONSOLE_HOME", home.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(new String[] {"--url", TestRedis.shared().url(), "clear", "demo-healthy-1", "--yes"},
                new PrintStream(out), new PrintStream(new ByteArrayOutputStream()), env)).isEqualTo(Cli.OK);
        assertThat(llen("demo-healthy-1")).isZero();
        Path folder = home.resolve("backups");
        Path elsewhere = BackupFile.write(folder.resolve("20200101T000000.000Z-clear-elsewhere-abcdef.jsonl"),
                List.of(new BackupEntry("copilot:pending:far-away".getBytes(StandardCharsets.UTF_8), 0,
                        RawPayload.ofUtf8("{\"content\":\"from eu\"}"), Optional.empty(), Instant.now())),
                key -> Optional.of("far-away"), new BackupOrigin("10.9.9.9:6379", "0123456789abcdef", "prod-eu"));

        connect(robot, 14);
        robot.interact(() -> window.main().showTab("tab-backups"));
        waitUntil("both backups are listed", () -> robot.lookup("#backups").tryQuery().isPresent()
                && table(robot, "#backups").getItems().size() == 2);
        List<BackupCatalog.Listed> rows = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(
                () -> List.copyOf(ConsoleBackupsTest.<BackupCatalog.Listed>table(robot, "#backups").getItems())));
        assertThat(rows.get(0).action()).isEqualTo("clear-demo-healthy-1");
        assertThat(rows.get(0).keys()).containsExactly("copilot:pending:demo-healthy-1");
        assertThat(rows.get(1).file()).isEqualTo(elsewhere);
        assertThat(rows).extracting(window.main().backups()::sessions).containsExactly("demo-healthy-1", "far-away");
        BackupOrigin here = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(
                () -> window.main().backups().originProperty().get()));
        assertThat(rows.get(0).fromAnotherServer(here)).isFalse();
        assertThat(rows.get(1).fromAnotherServer(here)).isTrue();
        waitUntil("the status line says one is another server's", () -> find(robot, "#backups-status", Label.class)
                .getText().matches("2 backups .*; 1 from another server.*"));

        robot.interact(() -> table(robot, "#backups").getSelectionModel().select(0));
        waitUntil("the preview shows both entries", () -> table(robot, "#backup-entries").getItems().size() == 2);
        List<BackupsViewModel.PreviewRow> preview = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(
                () -> List.copyOf(ConsoleBackupsTest.<BackupsViewModel.PreviewRow>table(robot, "#backup-entries").getItems())));
        assertThat(preview).extracting(BackupsViewModel.PreviewRow::index).containsExactly(0L, 1L);
        assertThat(preview).extracting(BackupsViewModel.PreviewRow::key).containsOnly("copilot:pending:demo-healthy-1");
        UiSupport.snapshot(robot, window.stage().getScene(), "backups");

        robot.clickOn("#backup-restore");
        UiSupport.answer(robot, "OK");
        waitForRedis("the restore put both entries back", () -> llen("demo-healthy-1") == 2);

        robot.interact(() -> table(robot, "#backups").getSelectionModel().select(1));
        robot.clickOn("#backup-restore");
        waitUntil("the door asks", () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        UiSupport.answer(robot, "Cancel");
        assertThat(redis.<Long>lettuce(r -> r.exists("copilot:pending:far-away".getBytes(StandardCharsets.UTF_8))))
                .as("declined: nothing written").isZero();
        assertThat(Files.exists(elsewhere)).isTrue();
    }
}
