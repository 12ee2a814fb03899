package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.TurnStatus;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Format;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Font;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The sessions table: one row per buffer, stuck rows marked, with the reasons as tooltips. */
public final class SessionsView extends TableView<BufferSummary> {

    private static final Duration FOREVER = Duration.ofDays(36_500);
    private static final PseudoClass STUCK = PseudoClass.getPseudoClass("stuck");

    private final SessionsViewModel model;
    /** True while the rows are changing under the selection: selection changes then are not the operator's. */
    private boolean adjusting;
    private boolean warming;
    /**
     * Each column's order over the summaries themselves. TableView's own comparator goes through the cell
     * value factories, an allocation per comparison: a second to sort 100,000 rows instead of tens of ms.
     */
    private final Map<TableColumn<BufferSummary, ?>, Comparator<BufferSummary>> orders = new HashMap<>();

    public SessionsView(SessionsViewModel model, int cap, TurnEnds turnEnds) {
        this.model = model;
        setId("sessions");
        Label empty = new Label();
        empty.setId("sessions-empty");
        empty.textProperty().bind(model.emptyTextProperty());
        setPlaceholder(empty);
        // before setItems, so that it runs before the selection model's own listener: when rows are replaced,
        // JavaFX selects whatever row now sits at the selected index, and that must never retarget anything
        model.rows().addListener((ListChangeListener<BufferSummary>) change -> {
            if (!adjusting) {
                adjusting = true;
                Platform.runLater(this::repin);
            }
        });
        setItems(model.rows()); // first: setting the items clears the sort order
        // one height for every row: the table never measures rows one by one (the costliest part of a
        // layout when 100,000 rows change); the theme's font decides it
        setFixedCellSize(Math.ceil(Font.getDefault().getSize() * 2.4));
        TableColumn<BufferSummary, String> session = column("Session", 190, b -> b.session().text(),
                Comparator.comparing(b -> b.session().text()));
        session.setMinWidth(150); // the column an operator reads first shrinks last; the full id is in a tooltip
        session.setId("session-column");
        getColumns().add(session);
        // which backend wrote the buffer, and so by whose rules it is judged (SPEC §1b)
        Function<BufferSummary, String> generation = b -> b.ref().generation().label();
        TableColumn<BufferSummary, String> gen = column("Backend", 66, generation, Comparator.comparing(generation));
        gen.setId("generation-column");
        gen.setMinWidth(62);
        getColumns().add(gen);
        TableColumn<BufferSummary, Long> length = new TableColumn<>("Length");
        length.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().length()));
        length.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item + "/" + cap);
            }
        });
        length.setPrefWidth(62);
        length.setMinWidth(58);
        orders.put(length, Comparator.comparingLong(BufferSummary::length));
        getColumns().add(length);
        getColumns().add(durationColumn("Last push", BufferSummary::lastPushAge, b -> !b.lastPushExact(), "\u2248"));
        // the oldest message's wait: exact from enqueued_at, else the last push's age, a lower bound
        TableColumn<BufferSummary, Optional<Duration>> oldest =
                durationColumn("Oldest", BufferSummary::oldestWait, b -> !b.oldestAgeExact(), "\u2265");
        oldest.setId("oldest-column");
        oldest.setVisible(false); // off at first, like User: at 1024 pixels it pushed Stuck out of sight; the menu shows it
        getColumns().add(oldest);
        getColumns().add(durationColumn("TTL", BufferSummary::ttl, b -> false, ""));
        Function<BufferSummary, String> turn = b -> b.turn().map(t -> t.status() == null ? "?" : t.status()).orElse("\u2014");
        TableColumn<BufferSummary, String> turnColumn = column("Turn", 84, turn, Comparator.comparing(turn));
        turnColumn.setMinWidth(70);
        getColumns().add(turnColumn);
        Function<BufferSummary, String> user = b -> b.turn().map(TurnStatus::userId).filter(u -> u != null).orElse("\u2014");
        TableColumn<BufferSummary, String> userColumn = column("User", 70, user, Comparator.comparing(user));
        userColumn.setId("user-column");
        // off at first: the inspector's turn line names the user, and the table's menu (top right) shows it
        userColumn.setVisible(false);
        getColumns().add(userColumn);
        TableColumn<BufferSummary, Set<StuckReason>> stuck = new TableColumn<>("Stuck");
        stuck.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().stuck()));
        stuck.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Set<StuckReason> item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.stream().sorted().map(StuckReason::code).collect(Collectors.joining(", ")));
            }
        });
        stuck.setComparator(Comparator.comparingInt(SessionsView::severity));
        orders.put(stuck, Comparator.comparingInt(b -> severity(b.stuck())));
        stuck.setPrefWidth(100);
        stuck.setMinWidth(80);
        stuck.setId("stuck-column");
        stuck.setSortType(TableColumn.SortType.DESCENDING);
        getColumns().add(stuck);
        getSortOrder().add(stuck); // stuck buffers first: they are why the console was opened
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setTableMenuButtonVisible(true); // shows or hides columns
        setRowFactory(table -> new StuckAwareRow(turnEnds));
        setSortPolicy(table -> {
            if (warming) {
                return true;
            }
            model.setOrder(order());
            return true;
        });
        model.setOrder(order());
        // only the operator's own selection pins a buffer; see repin for the rest
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!adjusting && !warming && b != null) {
                model.pinnedProperty().set(b.ref());
            }
        });
        // several rows (Ctrl/Shift+click) are a bulk action's targets, held by identity like the pin
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        getSelectionModel().getSelectedItems().addListener((ListChangeListener<BufferSummary>) c -> {
            if (!adjusting && !warming) {
                model.checked().setAll(getSelectionModel().getSelectedItems().stream().filter(Objects::nonNull)
                        .map(BufferSummary::ref).distinct().toList());
            }
        });
    }

    /**
     * Puts the selection back on the pinned buffer once the rows have changed: on its new row, or on none
     * when it is filtered out or gone (it stays pinned, so it is selected again when it comes back).
     */
    private void repin() {
        try {
            BufferRef ref = model.pinnedProperty().get();
            BufferSummary selected = getSelectionModel().getSelectedItem();
            if (ref == null) {
                if (selected != null) {
                    getSelectionModel().clearSelection();
                }
                return;
            }
            if (model.checked().size() > 1) { // a multi-selection follows its buffers, not row numbers
                getSelectionModel().clearSelection();
                for (BufferRef other : model.checked()) {
                    if (!other.equals(ref)) {
                        model.rowOf(other).ifPresent(getSelectionModel()::select);
                    }
                }
                model.pinnedRow().ifPresent(getSelectionModel()::select);
                return;
            }
            if (selected != null && selected.ref().equals(ref) && getSelectionModel().getSelectedItems().size() == 1) {
                return;
            }
            Optional<BufferSummary> row = model.pinnedRow();
            int at = row.map(getItems()::indexOf).orElse(-1);
            if (at >= 0) {
                getSelectionModel().clearAndSelect(at);
            } else {
                getSelectionModel().clearSelection();
            }
        } finally {
            adjusting = false;
        }
    }

    /**
     * A row that marks a stuck buffer with the {@code :stuck} pseudo-class (a state change, where a style
     * class would re-run the CSS of the row and all its cells) and explains why in a tooltip. The tooltip
     * is made the first time the pointer is over a stuck row, not when the row is: a tooltip is a popup
     * window, and making one for every visible row was a sixth of the work of showing the first rows.
     */
    private static final class StuckAwareRow extends TableRow<BufferSummary> {
        private final TurnEnds turnEnds;
        private Tooltip reasons; // made once, then reused as the row shows other buffers while the table scrolls

        StuckAwareRow(TurnEnds turnEnds) {
            this.turnEnds = turnEnds;
            addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
                if (getTooltip() == null) {
                    explain();
                }
            });
        }

        @Override
        protected void updateItem(BufferSummary item, boolean empty) {
            super.updateItem(item, empty);
            setOpacity(getTableView() instanceof SessionsView table && table.warming ? 0 : 1);
            pseudoClassStateChanged(STUCK, !empty && item != null && item.isStuck());
            if (reasons != null || isHover()) {
                explain();
            }
        }

        private void explain() {
            BufferSummary item = getItem();
            if (isEmpty() || item == null) {
                setTooltip(null);
                return;
            }
            if (reasons == null) {
                reasons = new Tooltip();
                reasons.setOnShowing(e -> askTurnEnd());
            }
            // the full id first: a narrow Session column cuts it
            StringBuilder text = new StringBuilder(item.session().text()).append(" (").append(item.ref().generation().label()).append(')');
            item.stuck().stream().sorted().forEach(r -> text.append('\n').append(r.code()).append(": ").append(r.explanation()));
            item.turn().filter(t -> !t.isRunning()).ifPresent(t -> {
                text.append("\nTurn ").append(t.status() == null ? "?" : t.status())
                        .append(t.toolName() == null ? "" : " in tool " + t.toolName())
                        .append(t.createdAt() == null ? "" : ", started " + t.createdAt()).append('.');
                turnEnds.known(t).ifPresent(end -> text.append('\n').append(end));
            });
            reasons.setText(text.toString());
            setTooltip(reasons);
        }

        /** How its turn ended, read on a worker as its tooltip shows (once: an ended turn does not change). */
        private void askTurnEnd() {
            BufferSummary item = getItem();
            if (!isEmpty() && item != null && item.turn().isPresent()) {
                turnEnds.ask(item.turn().get(), end -> {
                    if (item.equals(getItem())) {
                        explain();
                    }
                });
            }
        }
    }

    /**
     * Lays out a few made-up rows, invisibly, in the table's first frame, then puts the real rows back and,
     * a frame later, runs {@code then} (which starts the scan). The first rows a table ever shows cost far more than any
     * later ones: classes load, lambdas link, the theme's CSS is matched for rows and cells for the first
     * time, all in a cold JVM whose JIT compilers then take most of a small machine's CPU. Measured on
     * 2 cores (see the README's Performance section), that was a 180-250 ms stall when the scan's first
     * page landed; paid here, it adds about 100 ms to the main view's first frame, before the scan starts.
     */
    public void warmUp(Runnable then) {
        ObservableList<BufferSummary> real = getItems();
        List<TableColumn<BufferSummary, ?>> sortOrder = List.copyOf(getSortOrder());
        warming = true;
        setMouseTransparent(true); // nothing made up can be selected, and so inspected
        setItems(FXCollections.observableArrayList(madeUpRows()));
        getSortOrder().setAll(sortOrder); // setItems clears it
        Background.afterNextFrame(() -> {
            setItems(real);
            getSortOrder().setAll(sortOrder);
            warming = false;
            setMouseTransparent(false);
            Background.afterNextFrame(then); // once the table has settled back: the header re-lays out its sort marks
        });
    }

    /** One row of each look the table has: stuck or not, with and without turn metadata, TTL and hash tag. */
    private static List<BufferSummary> madeUpRows() {
        List<BufferSummary> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(new BufferSummary(new BufferRef(SessionId.of("warm-up-" + i), i % 2 == 0 ? KeyLayout.HASH_TAG : KeyLayout.PLAIN),
                    i + 1, i == 3 ? Optional.empty() : Optional.of(Duration.ofSeconds(3_599 - i * 700L)),
                    Optional.of(Duration.ofSeconds(i * 700L)),
                    i == 1 ? Optional.empty() : Optional.of(new TurnStatus("running", "user-" + i, "turn-" + i, null, null)),
                    0, i % 2 == 0 ? Set.of(StuckReason.IDLE) : Set.of()));
        }
        return rows;
    }

    /** The sort order's columns, each its own way round, then the session id, so that equal rows keep still. */
    private Comparator<BufferSummary> order() {
        Comparator<BufferSummary> order = null;
        for (TableColumn<BufferSummary, ?> column : getSortOrder()) {
            Comparator<BufferSummary> by = orders.get(column);
            if (by != null) {
                by = column.getSortType() == TableColumn.SortType.DESCENDING ? by.reversed() : by;
                order = order == null ? by : order.thenComparing(by);
            }
        }
        Comparator<BufferSummary> bySession = Comparator.comparing(b -> b.session().text());
        return order == null ? null : order.thenComparing(bySession);
    }

    /** More reasons sort higher; among equals, by which reasons (a bit per reason). */
    static int severity(Set<StuckReason> reasons) {
        int mask = 0;
        for (StuckReason r : reasons) {
            mask |= 1 << r.ordinal();
        }
        return reasons.size() << 8 | mask;
    }

    private TableColumn<BufferSummary, String> column(String title, double width, Function<BufferSummary, String> value,
                                                      Comparator<BufferSummary> order) {
        TableColumn<BufferSummary, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        orders.put(column, order);
        column.setPrefWidth(width);
        return column;
    }

    /** {@code estimated}: the rows whose value is not exact, shown after {@code mark} ("≈", "≥"; a dash when unknown). */
    private TableColumn<BufferSummary, Optional<Duration>> durationColumn(String title,
            Function<BufferSummary, Optional<Duration>> value, Predicate<BufferSummary> estimated, String mark) {
        TableColumn<BufferSummary, Optional<Duration>> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Optional<Duration> item, boolean empty) {
                super.updateItem(item, empty);
                BufferSummary row = getTableRow() == null ? null : getTableRow().getItem();
                setText(empty || item == null ? null
                        : (item.isPresent() && row != null && estimated.test(row) ? mark : "") + Format.duration(item));
            }
        });
        column.setComparator(Comparator.comparing(d -> d.orElse(FOREVER)));
        orders.put(column, Comparator.comparing(b -> value.apply(b).orElse(FOREVER)));
        column.setPrefWidth(80);
        column.setMinWidth(74);
        return column;
    }
}
