package dev.pendingconsole.ui;

import dev.pendingconsole.local.AuditLog;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.BulkClearOutcome;
import dev.pendingconsole.ops.ExportCancelled;
import dev.pendingconsole.ops.RestoreOutcome;
import dev.pendingconsole.ops.TurnStatus;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.ClearMany;
import dev.pendingconsole.ops.write.Restore;
import dev.pendingconsole.ui.backups.BackupsView;
import dev.pendingconsole.ui.backups.BackupsViewModel;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.ConfirmDialog;
import dev.pendingconsole.ui.common.Connection;
import dev.pendingconsole.ui.common.Notice;
import dev.pendingconsole.ui.common.WriteRunner;
import dev.pendingconsole.ui.dashboard.DashboardView;
import dev.pendingconsole.ui.inject.InjectForm;
import dev.pendingconsole.ui.inject.InjectViewModel;
import dev.pendingconsole.ui.inspector.DeliveryView;
import dev.pendingconsole.ui.inspector.InspectorView;
import dev.pendingconsole.ui.inspector.InspectorViewModel;
import dev.pendingconsole.ui.limits.RateLimitsView;
import dev.pendingconsole.ui.servers.ServersView;
import dev.pendingconsole.ui.servers.ServersViewModel;
import dev.pendingconsole.ui.sessions.SessionsView;
import dev.pendingconsole.ui.sessions.SessionsViewModel;
import dev.pendingconsole.ui.sessions.StuckAlert;
import dev.pendingconsole.ui.sessions.TurnEnds;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.Notifications;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The console once connected: a toolbar, the sessions table on the left, the inspector and the inject
 * form on the right, a notification bar (with Undo) and a status bar. It only lays out and binds; the
 * view models do the work.
 */
public final class MainView extends BorderPane {

    private final SessionsViewModel sessions;
    private final InspectorViewModel inspector;
    private final InjectViewModel inject;
    private final NoticeBar notices = new NoticeBar();
    private final TabPane tabs = new TabPane();
    private final TextField filter = new TextField();
    private DashboardView dashboard;
    private ServersViewModel servers;
    private final BackupsViewModel backups;
    private DeliveryView delivery;
    private SplitPane split;

    private final Background background;
    private final WriteRunner writes;

    public MainView(Connection connection, Background background, Runnable toggleTheme, Runnable disconnect) {
        this.background = background;
        var ops = connection.workspace();
        ConfirmDialog confirm = new ConfirmDialog(() -> getScene() == null ? null : getScene().getWindow());
        sessions = new SessionsViewModel(ops, background);
        inspector = new InspectorViewModel(ops, background, confirm, this::show, sessions::reload); // it reads itself again after its writes
        inject = new InjectViewModel(ops, background, confirm, this::show, this::changed);
        writes = new WriteRunner(ops, background, confirm, this::show);

        filter.setId("filter");
        filter.setPromptText("Filter: text, or a glob like team-*  (Ctrl+F)");
        filter.setPrefWidth(230);
        filter.setMinWidth(140);
        ToggleButton inMessages = new ToggleButton("In messages");
        inMessages.setId("in-messages");
        inMessages.setTooltip(new Tooltip("Look for the filter text inside the pending messages too (content, page URL"
                + " and text, file ids): one scan reads every buffer's entries"));
        inMessages.selectedProperty().bindBidirectional(sessions.inMessagesProperty());
        filter.textProperty().bindBidirectional(sessions.filterProperty());
        ToggleButton stuckOnly = new ToggleButton("Stuck only");
        stuckOnly.setId("stuck-only");
        stuckOnly.selectedProperty().bindBidirectional(sessions.stuckOnlyProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh");
        refresh.setTooltip(new Tooltip("Scan again (F5)"));
        refresh.setOnAction(e -> {
            sessions.refresh();
            inspector.reload();
        });
        refresh.disableProperty().bind(sessions.scanningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-scan");
        cancel.visibleProperty().bind(sessions.scanningProperty());
        cancel.setOnAction(e -> sessions.cancelScan());
        ProgressBar progress = new ProgressBar();
        progress.setId("scan-progress");
        progress.progressProperty().bind(sessions.progressProperty());
        progress.visibleProperty().bind(sessions.scanningProperty());
        progress.managedProperty().bind(sessions.scanningProperty()); // no room kept for them when idle
        cancel.managedProperty().bind(sessions.scanningProperty());
        Button export = new Button("Export\u2026");
        export.setId("export");
        export.setTooltip(new Tooltip("Write every entry of the buffers matching the filter's glob (or all) to a JSON Lines file"));
        export.setOnAction(e -> exportTo(ops));
        Button restore = new Button("Restore\u2026");
        restore.setId("restore");
        restore.setTooltip(new Tooltip("Put the entries of a backup or export back at the head of their buffers"
                + " (opens the Backups tab)"));
        restore.setOnAction(e -> showTab("tab-backups"));
        if (connection.isReadOnly()) {
            restore.setDisable(true);
            restore.setTooltip(new Tooltip("Read-only: " + connection.readOnlyReason()));
        }
        Button theme = new Button("\u25d0");
        theme.setId("theme");
        theme.setTooltip(new Tooltip("Light or dark theme"));
        theme.setOnAction(e -> toggleTheme.run());
        Button leave = new Button("Disconnect");
        leave.setId("disconnect");
        leave.setOnAction(e -> disconnect.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label where = new Label(connection.describe() + (connection.isReadOnly() ? "  \u00b7  READ-ONLY" : ""));
        where.setId("connection-name");
        where.getStyleClass().add("text-muted");
        ToolBar toolbar = new ToolBar(filter, inMessages, stuckOnly, refresh, cancel, progress, grow, export, restore, theme, leave);
        for (Node n : toolbar.getItems()) {
            if (n instanceof ButtonBase b) {
                b.setMinWidth(USE_PREF_SIZE); // buttons keep their text; the filter field gives way first
            }
        }

        VBox top = new VBox(toolbar, new TriageBar(sessions, connection.isReadOnly(), this::clearMany));
        if (connection.isProduction()) {
            Label banner = new Label("PRODUCTION \u2014 " + connection.describe() + ". Every write shows its plan and asks for the session id.");
            banner.setId("production-banner");
            banner.getStyleClass().add("production-banner");
            banner.setMaxWidth(Double.MAX_VALUE);
            top.getChildren().add(0, banner);
        }
        if (connection.isReadOnly()) {
            Label banner = new Label("Read-only (" + connection.readOnlyReason() + "): you can browse and peek; every write is disabled.");
            banner.setId("read-only-banner");
            banner.getStyleClass().add("read-only-banner");
            banner.setMaxWidth(Double.MAX_VALUE);
            top.getChildren().add(banner);
        }
        setTop(top);

        SessionsView table = new SessionsView(sessions, ops.schema().cap(), new TurnEnds(ops, background));
        // the inspector and Inject follow the pinned buffer, by identity; rows moving under the table's
        // selection (live pushes, re-scans, this console's own writes) never retarget them
        sessions.pinnedProperty().addListener((o, a, ref) -> {
            if (ref != null) {
                inspector.inspect(ref, sessions.matchesOf(ref));
                if (delivery != null) {
                    delivery.show(ref);
                }
                BufferSummary row = sessions.pinnedRow().orElse(null);
                inject.setTarget(ref, row == null ? 0 : row.length(),
                        row == null ? null : row.turn().map(TurnStatus::userId).orElse(null));
            }
        });
        sessions.allRows().addListener((ListChangeListener<BufferSummary>) change -> followInjectTarget(change));
        sessions.setOnPush(ref -> {
            if (ref.equals(inspector.bufferProperty().get())) {
                inspector.reload();
            }
        });
        // a scan sees what no notify announces (the backend's drains, expiries): the inspector reads again
        sessions.scanningProperty().addListener((o, was, now) -> {
            if (was && !now) {
                inspector.reload();
            }
        });
        inspector.inspectionProperty().addListener((o, a, b) -> {
            if (b != null && b.ref().equals(inject.targetProperty().get())) {
                inject.setTarget(b.ref(), b.page().length(), b.turn().map(TurnStatus::userId).orElse(null));
            }
        });

        Tab inspectTab = new Tab("Inspector", new InspectorView(inspector));
        inspectTab.setId("tab-inspector");
        // a write button acts only on what the operator sees: the inspector in front, showing the pinned
        // buffer, whose row the filter leaves in the table
        inspector.onScreenProperty().bind(Bindings.createBooleanBinding(() -> inspectTab.isSelected()
                        && inspector.bufferProperty().get() != null
                        && inspector.bufferProperty().get().equals(sessions.pinnedProperty().get())
                        && sessions.pinnedRow().isPresent(),
                inspectTab.selectedProperty(), inspector.bufferProperty(), sessions.pinnedProperty(), sessions.rows()));
        // only the inspector is built now: each other tab on first look (the main view's first frame, all CSS
        // and layout, took a second longer with every tab built up front; hidden tabs are laid out too)
        Tab injectTab = lazyTab("Inject", "tab-inject", () -> new InjectForm(inject, connection.isReadOnly()));
        Tab deliveryTab = lazyTab("Delivery", "tab-delivery", () -> {
            delivery = new DeliveryView(ops, background);
            delivery.show(sessions.pinnedProperty().get());
            return delivery;
        });
        Tab othersTab = lazyTab("Other keys", "tab-others", () -> new OtherKeysTable(sessions.others(), ops, background, this::show));
        Tab activityTab = lazyTab("Activity", "tab-activity", () -> activityList(ops.audit()));
        Tab[] dash = new Tab[1];
        Tab dashboardTab = lazyTab("Dashboard", "tab-dashboard", () -> dashboard = new DashboardView(sessions,
                ops.schema().cap(), background, dash[0].selectedProperty()));
        dash[0] = dashboardTab;
        Tab[] limits = new Tab[1];
        Tab limitsTab = lazyTab("Rate limits", "tab-limits", () -> new RateLimitsView(writes, background, this::show,
                () -> limits[0].isSelected()));
        limits[0] = limitsTab;
        backups = new BackupsViewModel(connection.data(), ops::origin, background, inspector::restore, key -> BufferRef
                .fromKey(ops.schema(), key.getBytes(StandardCharsets.UTF_8)).map(r -> r.session().text()).orElse(key));
        Tab backupsTab = lazyTab("Backups", "tab-backups", () -> new BackupsView(backups, connection.isReadOnly(),
                connection.readOnlyReason()));
        backupsTab.selectedProperty().addListener((o, was, selected) -> {
            if (selected) {
                backups.refresh(); // a write since the last look may have written one
            }
        });
        tabs.getTabs().addAll(inspectTab, deliveryTab, injectTab, dashboardTab, othersTab, limitsTab, backupsTab, activityTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        split = new SplitPane(table, tabs);
        split.setDividerPositions(0.6);
        setCenter(split);

        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(sessions.statusProperty());
        Label feed = new Label();
        feed.setId("feed-mode");
        feed.textProperty().bind(sessions.feedModeProperty().concat("  \u00b7  ").concat(sessions.pushesProperty().asString())
                .concat(" pushes seen"));
        Tooltip feedTip = new Tooltip();
        feedTip.textProperty().bind(sessions.feedDetailProperty());
        feed.setTooltip(feedTip);
        Region g3 = new Region();
        HBox.setHgrow(g3, Priority.ALWAYS);
        HBox statusBar = new HBox(10, where, status, g3, feed);
        statusBar.setPadding(new Insets(4, 10, 4, 10));
        statusBar.getStyleClass().add("status-bar");
        setBottom(new VBox(notices, statusBar));

        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), filter::requestFocus);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> {
                    sessions.refresh();
                    inspector.reload();
                });
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN),
                        () -> tabs.getSelectionModel().select(injectTab));
            }
        });

        if (connection.notifyStuckAbove() > 0) {
            watchStuck(new StuckAlert(connection.notifyStuckAbove()));
        }

        // the first layout of this view is heavy: let it reach the screen before the scan competes for the CPU
        table.warmUp(() -> {
            sessions.refresh();
            sessions.follow(Duration.ofSeconds(30));
        });
    }

    /** A buffer this console wrote to (or undid a write on): its row and, when shown, the inspector read it again. */
    private void changed(BufferRef ref) {
        sessions.reload(ref);
        if (ref.equals(inspector.bufferProperty().get())) {
            inspector.reload();
        }
    }

    private void clearMany(List<BufferSummary> targets) {
        writes.run("Clear", new ClearMany(targets, true), (BulkClearOutcome outcome) -> {
            targets.forEach(t -> changed(t.ref()));
            String done = "Cleared " + Workspace.entries(outcome.removed()) + " from "
                    + Workspace.count(outcome.cleared(), "buffer", "buffers")
                    + (outcome.skipped() > 0 ? "; " + outcome.skipped() + " changed since the scan and were skipped" : "")
                    + outcome.stoppedBy().map(s -> "; stopped: " + s).orElse("") + ".";
            if (outcome.backup().isEmpty()) {
                show(outcome.cleared() > 0 ? Notice.info(done) : Notice.error(done));
                return;
            }
            Path backup = outcome.backup().get();
            show(Notice.withAction(done, "Undo", () -> writes.run("Undo", Restore.undo(backup),
                    (RestoreOutcome back) -> {
                        targets.forEach(t -> changed(t.ref()));
                        show(Notice.info("Restored " + Workspace.entries(back.entries()) + " into "
                                + Workspace.count(back.buffers().size(), "buffer.", "buffers.")));
                    })));
        });
    }

    /**
     * A desktop notification (ControlsFX) when the number of stuck buffers crosses the profile's threshold,
     * once per crossing; checked whenever the count changes outside a scan, so a table still filling does
     * not count.
     */
    private void watchStuck(StuckAlert alert) {
        Runnable check = () -> {
            if (sessions.scanningProperty().get()) {
                return; // a table still filling is no crossing
            }
            long stuck = sessions.stuckProperty().get();
            if (alert.update(stuck)) {
                String text = stuck + " buffers are stuck (more than " + alert.threshold() + ")";
                show(Notice.error(text + "."));
                Notifications.create().title("Pending Console").text(text)
                        .owner(getScene() == null ? null : getScene().getWindow()).showWarning();
            }
        };
        sessions.scanningProperty().addListener((o, was, scanning) -> check.run());
        sessions.stuckProperty().addListener((o, was, now) -> check.run());
    }

    private static Tab lazyTab(String title, String id, Supplier<Node> content) {
        Tab tab = new Tab(title);
        tab.setId(id);
        tab.selectedProperty().addListener((o, was, selected) -> {
            if (selected && tab.getContent() == null) {
                tab.setContent(content.get());
            }
        });
        return tab;
    }

    /**
     * The Servers tab: every saved profile's server at a glance, looked at in the background from its first
     * showing on, again every minute; a double-click opens one through {@code open}.
     */
    public void addServersTab(ServersViewModel model, Consumer<ConnectionProfile> open) {
        servers = model;
        Tab tab = lazyTab("Servers", "tab-servers", () -> {
            model.start();
            return new ServersView(model, open);
        });
        // after the Dashboard: the first tabs are the ones a narrow window shows without its overflow menu
        tabs.getTabs().add(Math.min(4, tabs.getTabs().size()), tab);
    }

    public SessionsViewModel sessions() {
        return sessions;
    }

    InspectorViewModel inspector() {
        return inspector;
    }

    ServersViewModel servers() {
        return servers;
    }

    BackupsViewModel backups() {
        return backups;
    }

    InjectViewModel inject() {
        return inject;
    }

    /** Where the divider between the table and the tabs is (0..1), to remember it. */
    public double splitPosition() {
        return split.getDividerPositions()[0];
    }

    public void setSplitPosition(double position) {
        split.setDividerPositions(position);
    }

    private void exportTo(Workspace ops) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("pending-export.jsonl");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        String text = filter.getText() == null ? "" : filter.getText().trim();
        String glob = text.matches(".*[*?\\[].*") ? text : null;
        AtomicBoolean cancelled = new AtomicBoolean();
        notices.showProgress("Exporting\u2026", () -> cancelled.set(true));
        AtomicLong lastShown = new AtomicLong();
        background.run(() -> ops.export(glob, file.toPath(), false, (done, total) -> {
                    long now = System.nanoTime();
                    if (now - lastShown.get() > 250_000_000L || done.equals(total)) { // a few updates a second
                        lastShown.set(now);
                        background.toFx((String line) -> {
                            if (!cancelled.get()) {
                                notices.showProgress(line, () -> cancelled.set(true));
                            }
                        }).accept("Exporting: " + done + " of " + total + " buffers\u2026");
                    }
                }, cancelled::get),
                outcome -> show(outcome.buffers() == 0 ? Notice.info("No buffer matches: nothing to export, no file was written.")
                        : Notice.info("Exported " + Workspace.entries(outcome.entries()) + " of "
                        + Workspace.count(outcome.buffers(), "buffer", "buffers") + " to " + file + ".")),
                failure -> show(failure instanceof ExportCancelled
                        ? Notice.info("Export cancelled; no file was written.")
                        : Notice.error("Export failed: " + Notice.describe(failure))));
    }

    /** Inject's target line follows its buffer's row as the feed and the re-scans read it again. */
    private void followInjectTarget(ListChangeListener.Change<? extends BufferSummary> change) {
        BufferRef aim = inject.targetProperty().get();
        if (aim == null) {
            return;
        }
        Long length = null;
        boolean removed = false;
        while (change.next()) {
            for (BufferSummary row : change.getAddedSubList()) {
                if (row.ref().equals(aim)) {
                    length = row.length();
                }
            }
            removed |= change.wasRemoved() && change.getRemoved().stream().anyMatch(row -> row.ref().equals(aim));
        }
        if (length != null || removed) {
            inject.lengthRead(aim, length != null ? length : 0);
        }
    }

    /** Brings a tab to the front by its id (in a narrow window its header may be in the overflow menu). */
    void showTab(String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(tabs.getSelectionModel()::select);
    }

    /** Shows a notice in the bar and records it in the activity list. */
    void show(Notice n) {
        notices.show(n);
    }

    private ListView<String> activityList(AuditLog audit) {
        ListView<String> list = new ListView<>(notices.activity());
        list.setId("activity");
        list.setPlaceholder(new Label("What you do in this session appears here; the full audit log is " + audit.file()));
        return list;
    }

    public void close() {
        if (dashboard != null) {
            dashboard.stop();
        }
        if (servers != null) {
            servers.stop();
        }
        sessions.close();
    }
}
