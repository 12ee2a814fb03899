package dev.pendingconsole.ui.inspector;

import dev.pendingconsole.ops.TtlChange;
import dev.pendingconsole.ui.common.ConfirmDialog;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.time.Duration;

/** The inspector: the selected buffer's entries, and the selected entry in every form the operator needs. */
public final class InspectorView extends VBox {

    public InspectorView(InspectorViewModel model) {
        setId("inspector");
        setSpacing(8);
        setPadding(new Insets(8));

        Label header = new Label();
        header.setId("inspector-header");
        header.getStyleClass().add("text-bold"); // a title font took four lines of a narrow inspector
        header.textProperty().bind(model.headerProperty());
        header.setWrapText(true);
        header.setMinHeight(USE_PREF_SIZE);
        Label turn = new Label();
        turn.setId("turn");
        turn.getStyleClass().add("text-muted");
        turn.textProperty().bind(model.turnProperty());
        Tooltip turnTip = new Tooltip();
        turnTip.textProperty().bind(model.turnProperty());
        turnTip.setWrapText(true);
        turnTip.setMaxWidth(600);
        turn.setTooltip(turnTip);

        Button clear = new Button();
        clear.textProperty().bind(model.clearTextProperty());
        clear.setMinWidth(USE_PREF_SIZE);
        clear.setId("clear");
        clear.getStyleClass().add("danger");
        clear.setTooltip(new Tooltip("Remove exactly the entries shown, if they are still the head (Ctrl+Delete)"));
        clear.setOnAction(e -> model.clearShown()); // the write door shows the plan and asks
        Button remove = new Button();
        remove.textProperty().bind(model.removeTextProperty());
        remove.setId("remove");
        remove.setOnAction(e -> model.removeSelected());
        Button unreadable = new Button();
        unreadable.setId("remove-unreadable");
        unreadable.textProperty().bind(Bindings.format("Remove %d unreadable\u2026", model.unreadableProperty()));
        unreadable.setTooltip(new Tooltip("Remove every entry the backend cannot read (it drops them on drain), if each"
                + " is still what is shown; backed up, and Undo puts them back"));
        unreadable.setOnAction(e -> model.repairs().removeUnreadable());
        unreadable.visibleProperty().bind(model.unreadableProperty().greaterThan(0));
        unreadable.managedProperty().bind(unreadable.visibleProperty());
        Button removeKey = new Button("Remove key\u2026");
        removeKey.setId("remove-key");
        removeKey.getStyleClass().add("danger");
        removeKey.setTooltip(new Tooltip("The key where this session's buffer belongs holds another type, and the backend"
                + " fails on it: remove it, its value backed up as DUMP gives it; Undo puts it back with RESTORE"));
        removeKey.setOnAction(e -> model.repairs().removeKey());
        removeKey.visibleProperty().bind(model.wrongTypeProperty());
        removeKey.managedProperty().bind(removeKey.visibleProperty());
        Button announce = new Button("Announce");
        announce.setId("announce");
        announce.setTooltip(new Tooltip("Send the buffer's wake-up notification again (PUBLISH; SPUBLISH for today's"
                + " buffers), for a running turn that missed it; changes no data"));
        announce.setOnAction(e -> model.repairs().announce());
        Button drain = new Button("Drain to file\u2026");
        drain.setId("drain-to-file");
        drain.setTooltip(new Tooltip("Drain what the backend would (the first entries up to the cap) to a new file,"
                + " with a backup; Undo puts them back"));
        drain.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("drained.jsonl");
            var file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                model.drainTo(file.toPath());
            }
        });
        Button ttl = new Button("TTL\u2026");
        ttl.setId("ttl");
        ttl.setOnAction(e -> {
            TextInputDialog dialog = new TextInputDialog("3600");
            dialog.setHeaderText("New TTL in seconds (0 removes the TTL)");
            dialog.showAndWait().ifPresent(text -> {
                try {
                    long seconds = Long.parseLong(text.trim());
                    model.setTtl(seconds <= 0 ? new TtlChange.Persist() : new TtlChange.Set(Duration.ofSeconds(seconds)));
                } catch (NumberFormatException ex) {
                    ConfirmDialog.inform("Not a number of seconds: " + text);
                }
            });
        });
        Button copy = new Button("Copy raw");
        copy.setId("copy-raw");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.clipboardContent().get("raw"));
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button prev = new Button("\u2190");
        prev.setTooltip(new Tooltip("Previous page"));
        prev.setOnAction(e -> model.previousPage());
        Button next = new Button("\u2192");
        next.setTooltip(new Tooltip("Next page"));
        next.setOnAction(e -> model.nextPage());
        FlowPane actions = new FlowPane(6, 6, removeKey, clear, remove, unreadable, drain, ttl, announce, copy, prev, next);
        for (Node n : actions.getChildren()) {
            ((Button) n).setMinWidth(USE_PREF_SIZE);
            n.getStyleClass().add("small"); // one row of actions at 1024 pixels: the entry list needs the height
        }
        boolean readOnly = model.isReadOnly();
        for (Button write : new Button[] {clear, remove, unreadable, drain, ttl, announce}) {
            if (readOnly) {
                write.setDisable(true);
                Tooltip.install(write, new Tooltip("Read-only connection: writes are disabled"));
            } else {
                write.disableProperty().bind(model.writableProperty().not());
            }
        }
        if (readOnly) {
            clear.setTooltip(new Tooltip("Read-only connection: writes are disabled"));
            removeKey.setDisable(true);
        } else {
            removeKey.disableProperty().bind(model.onScreenProperty().not());
        }
        copy.disableProperty().bind(model.selectedProperty().isNull()); // copies the selected entry's bytes
        if (!readOnly) {
            remove.disableProperty().bind(model.writableProperty().not().or(model.selectedProperty().isNull()));
        }
        prev.disableProperty().bind(model.inspectionProperty().isNull());
        next.disableProperty().bind(model.inspectionProperty().isNull());

        TableView<EntryRow> entries = new TableView<>(model.entries());
        entries.setId("entries");
        entries.setPlaceholder(new Label("No entries."));
        TableColumn<EntryRow, Long> index = new TableColumn<>("#");
        index.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().index()));
        index.setPrefWidth(45);
        index.setMinWidth(40);
        TableColumn<EntryRow, String> preview = new TableColumn<>("Message");
        preview.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().preview()));
        preview.setPrefWidth(320);
        TableColumn<EntryRow, String> queued = new TableColumn<>("Queued");
        queued.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().queued()));
        queued.setPrefWidth(100);
        queued.setMinWidth(96); // "10m 14s ago" whole
        TableColumn<EntryRow, Integer> size = new TableColumn<>("Bytes");
        size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().size()));
        size.setPrefWidth(56);
        size.setMinWidth(54);
        TableColumn<EntryRow, Boolean> valid = new TableColumn<>("Valid");
        valid.setMinWidth(46);
        valid.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().valid()));
        valid.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item ? "\u2713" : "\u2717");
                getStyleClass().remove("invalid");
                if (!empty && Boolean.FALSE.equals(item)) {
                    getStyleClass().add("invalid");
                }
            }
        });
        entries.getColumns().add(index);
        entries.getColumns().add(preview);
        entries.getColumns().add(queued);
        entries.getColumns().add(size);
        entries.getColumns().add(valid);
        entries.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        PseudoClass match = PseudoClass.getPseudoClass("match");
        entries.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(EntryRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(match, !empty && item != null && item.matched());
            }
        });
        entries.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.selectedProperty().set(b);
            }
        });
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != null && entries.getSelectionModel().getSelectedItem() != b) {
                entries.getSelectionModel().select(b);
            }
        });

        TextArea modelView = area("model-view", model.modelViewProperty());
        TextArea raw = area("raw", model.rawProperty());
        TextArea fields = area("fields", model.fieldsProperty());
        TextArea unknown = area("unknown-fields", model.unknownFieldsProperty());
        // the entries get most of the height; the selected entry's forms share the rest as tabs (stacked, they
        // left the entry list less than one row at 1024x700)
        HBox fieldPanes = new HBox(6, titled("Fields", fields, false), titled("Unknown fields", unknown, false));
        TabPane detail = new TabPane(
                detailTab("What the model sees", "detail-model-view", modelView),
                detailTab("Raw JSON (exact bytes)", "detail-raw", raw),
                detailTab("Fields", "detail-fields", fieldPanes),
                detailTab("History", "detail-history", area("history", model.historyProperty())));
        detail.setId("entry-detail");
        detail.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        detail.setMinHeight(90);
        entries.setMinHeight(120);
        SplitPane split = new SplitPane(entries, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.64);
        setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(header, turn, actions, split);
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DELETE,
                        KeyCombination.SHORTCUT_DOWN), clear::fire);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.C,
                        KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), copy::fire);
            }
        });
    }

    private static TextArea area(String id, StringProperty text) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("mono");
        area.textProperty().bind(text);
        area.setPrefRowCount(5);
        return area;
    }

    private static Tab detailTab(String title, String id, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    private static TitledPane titled(String title, TextArea content, boolean grow) {
        TitledPane pane = new TitledPane(title, content);
        pane.setCollapsible(false);
        HBox.setHgrow(pane, Priority.ALWAYS);
        if (grow) {
            setVgrow(pane, Priority.ALWAYS);
        }
        return pane;
    }
}
