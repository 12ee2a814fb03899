package dev.pendingconsole.ui.servers;

import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.ops.Fleet;
import dev.pendingconsole.ui.common.Format;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One row per saved profile: its name (and a production badge), reachable or why not, buffers, stuck by
 * reason, the oldest waiting message, pushes a second (the status line says when). A row over its threshold
 * is tinted as a stuck buffer's is; a double-click (or Open) opens that server.
 */
public final class ServersView extends BorderPane {

    private static final PseudoClass STUCK = PseudoClass.getPseudoClass("stuck");

    public ServersView(ServersViewModel model, Consumer<ConnectionProfile> open) {
        TableView<Fleet.Look> table = new TableView<>(model.rows());
        table.setId("servers");
        table.setPlaceholder(new Label("No saved profile yet, or not looked at yet."));
        table.getColumns().add(column("Server", 130, l -> l.profile().name() + (l.profile().production() ? "  PROD" : "")));
        table.getColumns().add(column("Status", 95, l -> l.reachable() ? "ok" : "unreachable"));
        table.getColumns().add(column("Buffers", 65, l -> l.reachable() ? Long.toString(l.health().buffers()) : ""));
        table.getColumns().add(column("Stuck", 150, ServersView::stuck));
        table.getColumns().add(column("Oldest", 80, l -> l.health().oldest()
                .map(age -> (l.health().oldestExact() ? "" : "\u2265 ") + Format.duration(Optional.of(age))).orElse("")));
        table.getColumns().add(column("Pushes/s", 70, l -> l.pushesPerSecond().isPresent()
                ? String.format("%.1f", l.pushesPerSecond().getAsDouble()) : ""));
        table.setRowFactory(t -> {
            TableRow<Fleet.Look> row = new TableRow<>() {
                @Override
                protected void updateItem(Fleet.Look item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(STUCK, !empty && item != null && item.crossed(ServersViewModel.ANY_STUCK));
                    setTooltip(empty || item == null ? null : new Tooltip(item.failure().orElse(item.profile().url()
                            + (item.crossed(ServersViewModel.ANY_STUCK) ? ": more stuck buffers than its threshold ("
                            + item.threshold(ServersViewModel.ANY_STUCK) + ")" : ""))));
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem().profile());
                }
            });
            return row;
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Button refresh = new Button("Look again");
        refresh.setId("servers-refresh");
        refresh.disableProperty().bind(model.lookingProperty());
        refresh.setOnAction(e -> model.refresh());
        Button openButton = new Button("Open");
        openButton.setId("servers-open");
        openButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        openButton.setOnAction(e -> open.accept(table.getSelectionModel().getSelectedItem().profile()));
        Label status = new Label();
        status.setId("servers-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        openButton.setMinWidth(USE_PREF_SIZE);
        refresh.setMinWidth(USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, openButton, refresh, gap);
        VBox top = new VBox(4, bar, status);
        top.setPadding(new Insets(6));
        setTop(top);
        setCenter(table);
    }

    private static String stuck(Fleet.Look l) {
        if (!l.reachable()) {
            return "";
        }
        String reasons = l.health().stuckByReason();
        return l.health().stuck() + (reasons.isEmpty() ? "" : " (" + reasons + ")");
    }

    private static TableColumn<Fleet.Look, String> column(String title, double width, Function<Fleet.Look, String> value) {
        TableColumn<Fleet.Look, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }
}
