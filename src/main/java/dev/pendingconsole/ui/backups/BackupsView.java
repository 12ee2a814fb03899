package dev.pendingconsole.ui.backups;

import dev.pendingconsole.local.BackupCatalog;
import dev.pendingconsole.local.BackupOrigin;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The backups, newest first (time, action, sessions, entries, server; a backup of another server is tinted
 * and says so), the entries of the one selected below it, and Restore. "Open a file…" restores an export
 * or a backup from elsewhere, its chooser opening in the backups folder.
 */
public final class BackupsView extends BorderPane {

    private static final PseudoClass OTHER = PseudoClass.getPseudoClass("other-server");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    public BackupsView(BackupsViewModel model, boolean readOnly, String readOnlyReason) {
        TableView<BackupCatalog.Listed> table = new TableView<>(model.rows());
        table.setId("backups");
        table.setPlaceholder(new Label("No backups yet: every clear, drain and remove writes one."));
        table.getColumns().add(column("Time", 115, b -> b.time().map(TIME::format).orElse(b.stamp())));
        table.getColumns().add(column("Action", 150, b -> b.action() + (b.unconfirmed() ? " (unconfirmed)" : "")));
        table.getColumns().add(column("Sessions", 120, b -> b.unreadable().isPresent() ? "" : model.sessions(b)));
        table.getColumns().add(column("Entries", 60, b -> b.unreadable().isPresent() ? "unreadable" : Integer.toString(b.entries())));
        table.getColumns().add(column("Server", 160, b -> server(b, model.originProperty().get()))); // last: it takes what is left
        table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth() < 100 ? c.getPrefWidth() : 90));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(BackupCatalog.Listed item, boolean empty) {
                super.updateItem(item, empty);
                boolean other = !empty && item != null && item.fromAnotherServer(model.originProperty().get());
                pseudoClassStateChanged(OTHER, other);
                setTooltip(empty || item == null ? null : new Tooltip(item.file() + "\n" + item.unreadable()
                        .orElse(String.join(", ", item.keys()))));
            }
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> model.selectedProperty().set(now));
        model.originProperty().addListener((o, was, now) -> table.refresh());

        TableView<BackupsViewModel.PreviewRow> entries = new TableView<>(model.preview());
        entries.setId("backup-entries");
        entries.setPlaceholder(new Label(""));
        entries.getColumns().add(column("Key", 170, BackupsViewModel.PreviewRow::key));
        entries.getColumns().add(column("Index", 50, r -> Long.toString(r.index())));
        entries.getColumns().add(column("TTL then", 70, BackupsViewModel.PreviewRow::ttl));
        entries.getColumns().add(column("Message", 300, BackupsViewModel.PreviewRow::message));
        entries.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth() < 100 ? c.getPrefWidth() : 90));
        entries.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label previewStatus = new Label();
        previewStatus.setId("backup-preview-status");
        previewStatus.setWrapText(true);
        previewStatus.setMinHeight(USE_PREF_SIZE);
        previewStatus.textProperty().bind(model.previewStatusProperty());
        VBox previewPane = new VBox(4, previewStatus, entries);
        previewPane.setPadding(new Insets(4, 0, 0, 0));
        VBox.setVgrow(entries, Priority.ALWAYS);

        Button restore = new Button("Restore\u2026");
        restore.setId("backup-restore");
        restore.setTooltip(new Tooltip("Put this backup's entries back at the head of their buffers; what is there already is"
                + " skipped. You see what goes where, and confirm, first."));
        restore.disableProperty().bind(model.selectedProperty().isNull());
        restore.setOnAction(e -> model.restoreSelected());
        Button openFile = new Button("Open a file\u2026");
        openFile.setId("backup-open-file");
        openFile.setTooltip(new Tooltip("Restore an export, or a backup from another folder or machine"));
        openFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Backups and exports", "*.jsonl"));
            if (model.folderExists()) { // known from the last read: no file I/O on the FX thread
                chooser.setInitialDirectory(model.folder().toFile());
            }
            File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.restore(file.toPath());
            }
        });
        if (readOnly) {
            restore.disableProperty().unbind();
            restore.setDisable(true);
            openFile.setDisable(true);
            restore.setTooltip(new Tooltip("Read-only: " + readOnlyReason));
        }
        Button refresh = new Button("Read again");
        refresh.setId("backups-refresh");
        refresh.disableProperty().bind(model.readingProperty());
        refresh.setOnAction(e -> model.refresh());
        Label status = new Label();
        status.setId("backups-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        for (Button b : new Button[] {restore, openFile, refresh}) {
            b.setMinWidth(USE_PREF_SIZE);
        }
        VBox top = new VBox(4, new HBox(8, restore, openFile, refresh), status);
        top.setPadding(new Insets(6));
        setTop(top);
        SplitPane split = new SplitPane(table, previewPane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);
    }

    private static String server(BackupCatalog.Listed b, BackupOrigin here) {
        if (b.unreadable().isPresent()) {
            return "";
        }
        return b.origin().map(o -> o.address() + (o.profile().isEmpty() ? "" : " (" + o.profile() + ")")).orElse("unknown")
                + (b.fromAnotherServer(here) ? "  \u2014 another server" : "");
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }
}
