package dev.pendingconsole.ui.limits;

import dev.pendingconsole.ops.RateLimitCounter;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.ResetLimit;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Format;
import dev.pendingconsole.ui.common.Notice;
import dev.pendingconsole.ui.common.WriteRunner;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Each user's push counter (30 per 60 s), and a reset for one that is locked out. */
public final class RateLimitsView extends VBox {

    private final ObservableList<RateLimitCounter> counters = FXCollections.observableArrayList();
    private final Workspace ops;
    private final Background background;
    private final Consumer<Notice> notices;

    public RateLimitsView(WriteRunner writes, Background background, Consumer<Notice> notices) {
        this(writes, background, notices, () -> true);
    }

    /** {@code shown}: whether the view is in front; it re-reads the counters every 5 s while it is. */
    public RateLimitsView(WriteRunner writes, Background background, Consumer<Notice> notices,
                          BooleanSupplier shown) {
        this.ops = writes.workspace();
        this.background = background;
        this.notices = notices;
        setSpacing(8);
        setPadding(new Insets(8));
        TableView<RateLimitCounter> table = new TableView<>(counters);
        table.setId("rate-limits");
        table.setPlaceholder(new Label("No counters: nobody pushed in the last minute."));
        TableColumn<RateLimitCounter, String> user = new TableColumn<>("User");
        user.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().user()));
        user.setPrefWidth(200);
        TableColumn<RateLimitCounter, String> count = new TableColumn<>("Pushes");
        count.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count() + "/" + RateLimitCounter.LIMIT
                + (c.getValue().limited() ? "  limited" : "")));
        count.setMinWidth(130);
        count.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove("invalid");
                if (!empty && item != null && item.endsWith("limited")) {
                    getStyleClass().add("invalid"); // the danger colour: this user's pushes are refused now
                }
            }
        });
        TableColumn<RateLimitCounter, String> left = new TableColumn<>("Window left");
        left.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Format.duration(c.getValue().windowLeft())));
        table.getColumns().add(user);
        table.getColumns().add(count);
        table.getColumns().add(left);
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> load());
        Button reset = new Button("Reset selected");
        reset.setId("reset-limit");
        if (ops.isReadOnly()) {
            reset.setDisable(true);
            reset.setTooltip(new Tooltip("Read-only connection: writes are disabled"));
        } else {
            reset.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        reset.setOnAction(e -> {
            RateLimitCounter selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                writes.run("Reset", new ResetLimit(selected.user()), existed -> {
                    notices.accept(Notice.info(existed ? "Reset the push counter of " + selected.user() + "."
                            : selected.user() + " had no counter any more (its window ended)."));
                    load();
                });
            }
        });
        setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(new HBox(6, refresh, reset), table);
        load();
        // counters change by the second (a window is 60 s): re-read while the tab is in front
        Timeline again = new Timeline(new KeyFrame(
                Duration.seconds(5), e -> {
                    if (shown.getAsBoolean() && getScene() != null && !background.isBusy()) {
                        load();
                    }
                }));
        again.setCycleCount(Animation.INDEFINITE);
        again.play();
        sceneProperty().addListener((o, a, scene) -> {
            if (scene == null) {
                again.stop();
            }
        });
    }

    private void load() {
        background.run(ops::rateLimits, (List<RateLimitCounter> found) -> counters.setAll(found),
                failure -> notices.accept(Notice.error("Could not read rate limits: " + Notice.describe(failure))));
    }
}
