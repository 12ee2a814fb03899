package dev.pendingconsole.ui;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.TurnStatus;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The sessions table: one row per buffer, stuck rows marked, with the reasons as tooltips. */
public final class SessionsView extends TableView<BufferSummary> {

    public SessionsView(SessionsViewModel model, int cap) {
        setId("sessions");
        setPlaceholder(new javafx.scene.control.Label("No buffers found yet."));
        getColumns().add(column("Session", 200, b -> b.session().text() + (b.ref().layout() == KeyLayout.HASH_TAG ? "  {}" : ""),
                Comparator.naturalOrder()));
        TableColumn<BufferSummary, Long> length = new TableColumn<>("Length");
        length.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().length()));
        length.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item + "/" + cap);
            }
        });
        length.setPrefWidth(72);
        length.setMinWidth(72);
        getColumns().add(length);
        getColumns().add(durationColumn("Last push", BufferSummary::lastPushAge));
        getColumns().add(durationColumn("TTL", BufferSummary::ttl));
        getColumns().add(column("Turn", 88, b -> b.turn().map(t -> t.status() == null ? "?" : t.status()).orElse("\u2014"),
                Comparator.naturalOrder()));
        getColumns().add(column("User", 70, b -> b.turn().map(TurnStatus::userId).filter(u -> u != null).orElse("\u2014"),
                Comparator.naturalOrder()));
        TableColumn<BufferSummary, String> stuck = column("Stuck", 110, SessionsView::reasons, Comparator.naturalOrder());
        stuck.setId("stuck-column");
        stuck.setSortType(TableColumn.SortType.DESCENDING);
        getColumns().add(stuck);
        getSortOrder().add(stuck); // stuck buffers first: they are why the console was opened
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(BufferSummary item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("stuck");
                setTooltip(null);
                if (!empty && item != null && item.isStuck()) {
                    getStyleClass().add("stuck");
                    setTooltip(new Tooltip(item.stuck().stream().sorted().map(r -> r.code() + ": " + r.explanation())
                            .collect(Collectors.joining("\n"))));
                }
            }
        });
        model.rows().comparatorProperty().bind(comparatorProperty());
        setItems(model.rows());
    }

    static String reasons(BufferSummary b) {
        return b.stuck().stream().sorted().map(StuckReason::code).collect(Collectors.joining(", "));
    }

    private static TableColumn<BufferSummary, String> column(String title, double width, Function<BufferSummary, String> value,
                                                             Comparator<String> order) {
        TableColumn<BufferSummary, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setComparator(order);
        column.setPrefWidth(width);
        return column;
    }

    private static TableColumn<BufferSummary, Optional<Duration>> durationColumn(String title,
                                                                                  Function<BufferSummary, Optional<Duration>> value) {
        TableColumn<BufferSummary, Optional<Duration>> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Optional<Duration> item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Format.duration(item));
            }
        });
        column.setComparator(Comparator.comparing(d -> d.orElse(Duration.ofDays(36_500))));
        column.setPrefWidth(86);
        column.setMinWidth(84);
        return column;
    }
}
