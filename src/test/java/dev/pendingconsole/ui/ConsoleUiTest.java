package dev.pendingconsole.ui;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.redis.PendingBuffers;
import dev.pendingconsole.support.TestRedis;
import dev.pendingconsole.ui.inspector.EntryRow;

import io.lettuce.core.AclCategory;
import io.lettuce.core.AclSetuserArgs;
import javafx.css.PseudoClass;
import javafx.event.Event;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static dev.pendingconsole.ui.UiSupport.find;
import static dev.pendingconsole.ui.UiSupport.onFx;
import static dev.pendingconsole.ui.UiSupport.waitForRedis;
import static dev.pendingconsole.ui.UiSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The console end to end, headless, against a real Redis seeded with the sandbox's demo data. */
class ConsoleUiTest extends ConsoleTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private void connect(FxRobot robot, boolean readOnly) {
        if (readOnly) {
            robot.clickOn("#read-only");
        }
        connect(robot, 11);
    }

    private BufferSummary row(FxRobot robot, String session) {
        return sessions(robot).getItems().stream().filter(b -> b.session().text().equals(session)).findFirst().orElseThrow();
    }

    private static final PseudoClass STUCK = PseudoClass.getPseudoClass("stuck");

    private static boolean isStuck(Object item) {
        return item instanceof BufferSummary b && b.isStuck();
    }

    /** The sessions table's rows that show a buffer, in this test's window (earlier tests' windows may linger). */
    private Set<TableRow<?>> shownRows(FxRobot robot) {
        Set<TableRow<?>> rows = new HashSet<>();
        robot.from(window.stage().getScene().getRoot()).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.isVisible() && r.getTableView() != null && "sessions".equals(r.getTableView().getId()) && r.getItem() != null)
                .forEach(rows::add);
        return rows;
    }

    @Test
    void theTableShowsTheSeededSessionsWithTheirStuckReasons(FxRobot robot) {
        connect(robot, false);
        assertThat(find(robot, "#copy-raw", Button.class).isDisabled()).as("nothing to copy before an entry is selected").isTrue();
        assertThat(row(robot, "demo-over-cap").stuck()).containsExactly(StuckReason.OVER_CAP);
        assertThat(row(robot, "demo-no-ttl").stuck()).containsExactly(StuckReason.NO_TTL);
        assertThat(row(robot, "demo-idle-turn-completed").stuck()).containsExactly(StuckReason.IDLE);
        assertThat(row(robot, "demo-unreadable-entries").stuck()).containsExactly(StuckReason.UNREADABLE);
        assertThat(row(robot, "demo-wrong-type").stuck()).as("issue 25").containsExactly(StuckReason.WRONG_TYPE);
        assertThat(row(robot, "demo-healthy-1").stuck()).isEmpty();
        assertThat(sessions(robot).getItems()).as("the table's made-up warm-up rows are gone")
                .noneMatch(b -> b.session().text().startsWith("warm-up-"));
        waitUntil("stuck rows are tinted, and only they", () -> onFx(() -> { // after the next layout
            Set<TableRow<?>> shown = shownRows(robot);
            return shown.stream().anyMatch(r -> isStuck(r.getItem()))
                    && shown.stream().allMatch(r -> r.getPseudoClassStates().contains(STUCK) == isStuck(r.getItem()));
        }));
        assertThat(sessions(robot).getItems().get(0).isStuck()).as("stuck rows come first").isTrue();
        // the pointer moving over the first row explains why it is stuck (the event is fired at the row, in
        // the same FX turn as the check: rows are reused for other buffers as the table lays out again)
        waitUntil("a stuck row explains itself when pointed at", () -> onFx(() -> shownRows(robot).stream()
                .filter(r -> r.getIndex() == 0).findFirst().map(row -> {
                    Event.fireEvent(row, new MouseEvent(MouseEvent.MOUSE_MOVED,
                            10, 10, 10, 10, MouseButton.NONE, 0, false, false, false, false,
                            false, false, false, false, false, false, null));
                    BufferSummary shown = (BufferSummary) row.getItem();
                    return row.getTooltip() != null && shown.stuck().stream()
                            .allMatch(r -> row.getTooltip().getText().contains(r.code() + ": " + r.explanation()));
                }).orElse(false)));
        // issue 25: a failed turn's row says when it ended and why, read from the turn's stream as its tooltip shows
        robot.interact(() -> sessions(robot).scrollTo(row(robot, "demo-idle-turn-failed")));
        waitUntil("the failed turn's row says why it failed", () -> onFx(() -> shownRows(robot).stream()
                .filter(r -> r.getItem() != null && ((BufferSummary) r.getItem()).session().text().equals("demo-idle-turn-failed"))
                .findFirst().map(row -> {
                    Event.fireEvent(row, new MouseEvent(MouseEvent.MOUSE_MOVED,
                            10, 10, 10, 10, MouseButton.NONE, 0, false, false, false, false,
                            false, false, false, false, false, false, null));
                    if (row.getTooltip() != null && !row.getTooltip().isShowing()) {
                        row.getTooltip().show(row, 0, 0); // as after the pointer rests on the row
                    }
                    return row.getTooltip() != null && row.getTooltip().getText().contains("Turn failed in tool web_search")
                            && row.getTooltip().getText().contains("s ago; error: baseline_error: Exceeded 30 tool-call rounds");
                }).orElse(false)));
        robot.interact(() -> shownRows(robot).stream().filter(r -> r.getTooltip() != null).forEach(r -> r.getTooltip().hide()));
        select(robot, "demo-idle-turn-completed");
        waitUntil("the first entry is selected, so it can be copied", () -> !find(robot, "#copy-raw", Button.class).isDisabled());
        UiSupport.snapshot(robot, window.stage().getScene(), "main-light");
    }

    @Test
    void selectingASessionInspectsItsEntries(FxRobot robot) {
        connect(robot, false);
        select(robot, "demo-healthy-2");
        assertThat(find(robot, "#model-view", TextArea.class).getText())
                .isEqualTo("Is this the right page?\n\n[Page URL: https://app.example.com/runs/7]\n\n[Page content]\nRun 7 failed: timeout after 30s");
        assertThat(find(robot, "#raw", TextArea.class).getText()).startsWith("{\"content\":\"Is this the right page?\"");
        assertThat(find(robot, "#turn", Label.class).getText()).contains("running", "user-2");

        select(robot, "demo-newer-shape");
        assertThat(find(robot, "#entries", TableView.class).getItems()).hasSize(3);
        robot.interact(() -> find(robot, "#entries", TableView.class).getSelectionModel().select(1));
        waitUntil("the unknown fields show", () -> find(robot, "#unknown-fields", TextArea.class).getText().contains("enqueued_at"));
        assertThat(find(robot, "#unknown-fields", TextArea.class).getText()).contains("id: \"0b6d1f0e", "metadata: {\"client\":\"web\"");
        robot.interact(() -> find(robot, "#entries", TableView.class).getSelectionModel().select(2));
        waitUntil("a 19,800-character entry is valid by today's backend's rules (32,000), not the seed's (16,000)",
                () -> find(robot, "#fields", TextArea.class).getText().startsWith("content: 19800 characters"));
        UiSupport.snapshot(robot, window.stage().getScene(), "inspector");
    }

    @Test
    void injectValidatesLikeTheEndpointThenPushes(FxRobot robot) {
        connect(robot, false);
        select(robot, "demo-healthy-1");
        robot.clickOn("Inject");
        Button push = find(robot, "#inject-push", Button.class);
        waitUntil("an empty message is refused", () -> find(robot, "#inject-error", Label.class).getText().equals("content must not be empty"));
        assertThat(push.isDisabled()).isTrue();

        robot.interact(() -> find(robot, "#inject-content", TextArea.class).setText("x".repeat(16_001)));
        waitUntil("an oversized message is refused", () -> find(robot, "#inject-error", Label.class).getText().contains("the limit is 16000"));
        assertThat(push.isDisabled()).isTrue();

        robot.interact(() -> {
            find(robot, "#inject-content", TextArea.class).setText("Pushed from the console \u2014 d\u00e9j\u00e0 vu \u2713");
            find(robot, "#inject-url", TextField.class).setText("https://example.com/x");
        });
        waitUntil("a valid message can be pushed", () -> !push.isDisabled());
        assertThat(find(robot, "#inject-preview", TextArea.class).getText())
                .isEqualTo("Pushed from the console \u2014 d\u00e9j\u00e0 vu \u2713\n\n[Page URL: https://example.com/x]");
        UiSupport.snapshot(robot, window.stage().getScene(), "inject");
        robot.clickOn("#inject-push");
        waitForRedis("the push reached Redis", () -> llen("demo-healthy-1") == 3);
        waitUntil("the notification says so", () -> find(robot, "#notification", Label.class).getText().startsWith("Pushed 1 message"));
    }

    @Test
    void injectsTargetLengthFollowsAPushFromElsewhere(FxRobot robot) {
        connect(robot, false);
        select(robot, "demo-healthy-3");
        robot.clickOn("Inject");
        robot.interact(() -> find(robot, "#inject-session", TextField.class).setText("demo-healthy-2"));
        waitUntil("the typed target is found", () -> window.main().inject().targetTextProperty().get()
                .equals("Target: copilot:pending:demo-healthy-2  \u00b7  1/10"));
        new PendingBuffers(redis, KeySchema.SEED).push(SessionId.of("demo-healthy-2"), PendingMessage.of("from the backend"));
        waitUntil("the target line follows the push", () -> window.main().inject().targetTextProperty().get().endsWith("2/10"));
    }

    @Test
    void injectWarnsBeforeEvictingTheOldestEntry(FxRobot robot) {
        connect(robot, false);
        select(robot, "demo-over-cap");
        robot.clickOn("Inject");
        robot.interact(() -> find(robot, "#inject-content", TextArea.class).setText("one more"));
        waitUntil("the eviction warning shows", () -> find(robot, "#inject-warning", Label.class).getText().contains("evict the oldest"));
    }

    @Test
    void clearAsksFirstAndUndoBringsTheEntriesBackByteForByte(FxRobot robot) {
        connect(robot, false);
        byte[] key = "copilot:pending:demo-healthy-3".getBytes(StandardCharsets.UTF_8);
        List<byte[]> before = redis.lettuce(r -> r.lrange(key, 0, -1));
        select(robot, "demo-healthy-3");

        robot.clickOn("#clear");
        UiSupport.answer(robot, "Cancel");
        waitUntil("the no is reported", () -> find(robot, "#notification", Label.class).getText().startsWith("Clear cancelled"));
        assertThat(llen("demo-healthy-3")).isEqualTo(3);

        robot.clickOn("#clear");
        assertThat(find(robot, "#confirm-details", TextArea.class).getText()).as("the preview lists what goes")
                .contains("[0]", "[2]");
        UiSupport.answer(robot, "OK");
        waitForRedis("the entries are gone", () -> llen("demo-healthy-3") == 0);
        waitUntil("the emptied buffer leaves the table", () -> sessions(robot).getItems().stream()
                .noneMatch(b -> b.session().text().equals("demo-healthy-3")));
        waitUntil("Undo is offered", () -> robot.lookup("#undo").tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.clickOn("#undo");
        waitForRedis("the entries are back", () -> llen("demo-healthy-3") == 3);
        waitUntil("and so is its row", () -> sessions(robot).getItems().stream()
                .anyMatch(b -> b.session().text().equals("demo-healthy-3") && b.length() == 3));
        List<byte[]> after = redis.lettuce(r -> r.lrange(key, 0, -1));
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).isEqualTo(before.get(i));
        }
    }

    @Test
    void readOnlyDisablesEveryWrite(FxRobot robot) {
        connect(robot, true);
        select(robot, "demo-healthy-1");
        assertThat(robot.lookup("#read-only-banner").tryQuery()).isPresent();
        for (String id : List.of("#clear", "#remove", "#drain-to-file", "#ttl")) {
            assertThat(find(robot, id, Button.class).isDisabled()).as(id).isTrue();
        }
        robot.clickOn("Inject");
        robot.interact(() -> find(robot, "#inject-content", TextArea.class).setText("valid message"));
        assertThat(find(robot, "#inject-push", Button.class).isDisabled()).isTrue();
        UiSupport.snapshot(robot, window.stage().getScene(), "read-only");
    }

    @Test
    void anAclUserWithoutWritePermissionSeesWritesDisabledWithTheReason(FxRobot robot) {
        redis.lettuce(r -> r.aclSetuser("ui-reader", AclSetuserArgs.Builder.on().addPassword("ui-reader-pw")
                .keyPattern("*").addCategory(AclCategory.READ).addCategory(AclCategory.CONNECTION)));
        try {
            robot.interact(() -> {
                find(robot, "#url", TextField.class).setText("redis://ui-reader@127.0.0.1:" + TestRedis.shared().port());
                find(robot, "#password", TextField.class).setText("ui-reader-pw");
            });
            connect(robot, false);
            assertThat(find(robot, "#read-only-banner", Label.class).getText()).contains("the ACL user may not write");
            select(robot, "demo-healthy-1");
            assertThat(find(robot, "#clear", Button.class).isDisabled()).isTrue();
            assertThat(find(robot, "#restore", Button.class).isDisabled()).isTrue();
        } finally {
            redis.lettuce(r -> r.aclDeluser("ui-reader"));
        }
    }

    @Test
    void aRefusedConnectionSaysWhyInWords(FxRobot robot) {
        robot.interact(() -> find(robot, "#url", TextField.class).setText("redis://127.0.0.1:1"));
        robot.clickOn("#connect");
        waitUntil("the reason shows", () -> find(robot, "#connect-error", Label.class).getText()
                .equals("cannot connect to 127.0.0.1:1: connection refused"));
        UiSupport.snapshot(robot, window.stage().getScene(), "connect-refused");
    }

    @Test
    void filteringAndSortingWork(FxRobot robot) {
        connect(robot, false);
        robot.interact(() -> find(robot, "#filter", TextField.class).setText("healthy"));
        waitUntil("three healthy sessions", () -> sessions(robot).getItems().size() == 3);
        robot.interact(() -> find(robot, "#filter", TextField.class).setText("demo-idle-*"));
        waitUntil("three idle sessions by glob", () -> sessions(robot).getItems().size() == 3);
        robot.interact(() -> find(robot, "#filter", TextField.class).setText(""));
        robot.clickOn("#stuck-only");
        waitUntil("only stuck rows", () -> sessions(robot).getItems().stream().allMatch(BufferSummary::isStuck)
                && sessions(robot).getItems().size() == 8);
        robot.clickOn("#stuck-only");
        robot.clickOn("Length");
        waitUntil("sorted by length (the wrong-type key has none)", () -> sessions(robot).getItems().get(0).length() == 0
                && sessions(robot).getItems().get(1).length() == 1);
        robot.clickOn("Length");
        waitUntil("sorted by length, longest first", () -> sessions(robot).getItems().get(0).session().text().equals("demo-over-cap"));
    }

    @Test
    void aSessionPushedFromOutsideAppearsWithoutARefresh(FxRobot robot) {
        connect(robot, false);
        waitUntil("the live feed is on", () -> window.main().sessions().feedModeProperty().get().startsWith("live"));
        new PendingBuffers(redis, KeySchema.SEED).push(SessionId.of("brand-new-session"), PendingMessage.of("hello"));
        waitUntil("the new session is listed", () -> sessions(robot).getItems().stream()
                .anyMatch(b -> b.session().text().equals("brand-new-session")));
    }

    @Test
    void aSavedProfileIsListedWithoutItsPassword(FxRobot robot) throws Exception {
        robot.interact(() -> {
            find(robot, "#profile-name", TextField.class).setText("staging");
            find(robot, "#password", TextField.class).setText("pw-never-on-disk");
        });
        robot.clickOn("#save-profile");
        waitUntil("the profile is listed", () -> robot.lookup("#profiles").queryListView().getItems().size() == 1);
        Path file = home.resolve("config/profiles.json");
        assertThat(Files.readString(file)).contains("\"staging\"").doesNotContain("pw-never-on-disk");
        UiSupport.snapshot(robot, window.stage().getScene(), "connect");
        robot.interact(() -> robot.lookup("#profiles").queryListView().getSelectionModel().select(0));
        robot.clickOn("#delete-profile");
        waitUntil("the profile is gone", () -> robot.lookup("#profiles").queryListView().getItems().isEmpty());
    }

    @Test
    void startingTheSandboxTakesOneClick(FxRobot robot) {
        robot.clickOn("#sandbox");
        waitUntil("the sandbox is listed", () -> robot.lookup("#sessions").tryQuery().isPresent()
                && sessions(robot).getItems().size() >= 11);
        assertThat(find(robot, "#connection-name", Label.class).getText()).startsWith("sandbox");
    }

    @Test
    void redisIsNeverCalledOnTheFxThread(FxRobot robot) {
        Throwable[] thrown = new Throwable[1];
        robot.interact(() -> {
            try {
                redis.lettuce(r -> r.ping());
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        assertThat(thrown[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("JavaFX application thread");
        assertThat(onFx(() -> true)).isTrue();
    }

    @Test
    void theDashboardCountsWhatTheTableHolds(FxRobot robot) {
        connect(robot, false);
        robot.clickOn("Dashboard");
        waitUntil("the totals are filled in", () -> find(robot, "#dash-buffers", Label.class).getText().equals("15"));
        assertThat(find(robot, "#dash-stuck", Label.class).getText()).isEqualTo("8");
        assertThat(find(robot, "#dash-messages", Label.class).getText()).isEqualTo("37");
        UiSupport.snapshot(robot, window.stage().getScene(), "dashboard");
    }

    /**
     * Issue 23, finding 11: the dashboard counted every row on the FX thread every 2 s, also behind another
     * tab. Now it counts on a worker and only while it shows: hidden, it keeps its last figures (its 2-second
     * count has had three chances); shown again, it counts at once.
     */
    @Test
    void theDashboardCountsOnlyWhileItShows(FxRobot robot) {
        connect(robot, false);
        robot.clickOn("Dashboard");
        waitUntil("the totals are filled in", () -> find(robot, "#dash-buffers", Label.class).getText().equals("15"));
        robot.clickOn("Inspector");
        new PendingBuffers(redis, KeySchema.SEED).push(SessionId.of("dash-new"), PendingMessage.of("x"));
        waitUntil("the table holds the new buffer", () -> window.main().sessions().allRows().size() == 16);
        robot.sleep(6_500); // an absence: three of the dashboard's 2-second counts would have come and gone
        assertThat(onFx(() -> find(robot, "#dash-buffers", Label.class).getText().equals("15"))).as("hidden: not counted").isTrue();
        robot.clickOn("Dashboard");
        waitUntil("shown again, it counts at once", () -> find(robot, "#dash-buffers", Label.class).getText().equals("16"));
    }

    @Test
    void darkThemeShot(FxRobot robot) {
        connect(robot, false);
        select(robot, "demo-unreadable-entries");
        robot.clickOn("#theme");
        UiSupport.snapshot(robot, window.stage().getScene(), "main-dark");
        robot.clickOn("#theme");
        assertThat(window.isDark()).isFalse();
    }

    @Test
    void aServerThatStopsAnsweringLeavesTheConsoleResponsiveAndCancelEndsTheScan(FxRobot robot) throws Exception {
        connect(robot, false);
        CompletableFuture<Void> sleeping = TestRedis.sleepServer(TestRedis.shared().url(), 4);
        Thread.sleep(300); // the server is asleep
        robot.clickOn("#refresh");
        waitUntil("the re-scan is waiting on the server", () -> window.main().sessions().scanningProperty().get());

        // the FX thread keeps working: typing filters the table while Redis says nothing
        robot.clickOn("#filter").write("demo-no-ttl");
        waitUntil("the filter applies while the server sleeps", () -> sessions(robot).getItems().size() == 1);
        robot.clickOn("#cancel-scan");
        waitUntil("cancel ends the scan at once", () -> !window.main().sessions().scanningProperty().get()
                && find(robot, "#status", Label.class).getText().startsWith("Scan cancelled"));
        assertThat(sleeping).as("cancel did not wait for the server").isNotDone();

        sleeping.get();
        robot.clickOn("#refresh");
        waitUntil("a scan after the server woke up completes", () -> !window.main().sessions().scanningProperty().get()
                && find(robot, "#status", Label.class).getText().contains("buffers,"));
    }

    @Test
    void aTenMegabyteEntryAndDeeplyNestedJsonAreShownAsUnreadableWithoutFreezingTheWindow(FxRobot robot) {
        byte[] key = "copilot:pending:demo-hostile".getBytes(StandardCharsets.UTF_8);
        String huge = "{\"content\":\"" + "z".repeat(10 * 1024 * 1024) + "\"}";
        String deep = "{\"content\":\"hi\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        redis.lettuce(r -> r.rpush(key, huge.getBytes(StandardCharsets.UTF_8), deep.getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}));
        connect(robot, false);
        select(robot, "demo-hostile");
        @SuppressWarnings("unchecked")
        TableView<EntryRow> entries = find(robot, "#entries", TableView.class);
        assertThat(entries.getItems()).hasSize(3).noneMatch(EntryRow::valid);
        robot.interact(() -> entries.getSelectionModel().select(0));
        waitUntil("the huge entry is shown, cut short", () -> find(robot, "#raw", TextArea.class)
                .getText().contains("characters in all"));
        assertThat(find(robot, "#raw", TextArea.class).getText().length()).isLessThan(101_000);
        assertThat(window.main().sessions().rows()).anyMatch(b -> b.session().text().equals("demo-hostile") && b.isStuck());
        robot.interact(() -> entries.getSelectionModel().select(1));
        waitUntil("the nested entry says why it is unreadable", () -> find(robot, "#fields", TextArea.class)
                .getText().startsWith("INVALID:"));
    }
}
