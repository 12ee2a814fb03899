package dev.pendingconsole.ui;

import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ui.sessions.SessionsViewModel;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Counts that are filters (a chip per stuck reason, and all), how many rows the filter leaves, what a
 * search inside messages found, and the bulk clear of the rows shown or selected. The bulk button says
 * how many buffers it clears ("Clear 12 shown buffers…"), so it never reads like the inspector's clear
 * of one buffer's entries.
 */
final class TriageBar extends HBox {

    TriageBar(SessionsViewModel sessions, boolean readOnly, Consumer<List<BufferSummary>> clearMany) {
        super(8);
        ToggleGroup group = new ToggleGroup();
        ToggleButton all = new ToggleButton();
        all.setId("chip-all");
        all.textProperty().bind(Bindings.format("all %,d", sessions.totalProperty()));
        all.setToggleGroup(group);
        all.setSelected(true);
        HBox chips = new HBox(4, all);
        Map<Toggle, StuckReason> byChip = new HashMap<>();
        for (StuckReason r : StuckReason.values()) {
            ToggleButton chip = new ToggleButton();
            chip.setId("chip-" + r.code());
            chip.textProperty().bind(Bindings.format(r.code() + " %,d", sessions.countProperty(r)));
            chip.setTooltip(new Tooltip(r.explanation()));
            chip.setToggleGroup(group);
            chip.getStyleClass().add("reason-chip");
            byChip.put(chip, r);
            chips.getChildren().add(chip);
        }
        for (Node n : chips.getChildren()) {
            ((ToggleButton) n).getStyleClass().addAll("chip", "small");
            ((ToggleButton) n).setMinWidth(USE_PREF_SIZE);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                all.setSelected(true); // one chip is always on
                return;
            }
            sessions.reasonProperty().set(byChip.get(now));
        });
        Label shown = muted("shown-count");
        shown.textProperty().bind(sessions.shownTextProperty());
        Label search = muted("search-state");
        search.textProperty().bind(sessions.searchStateProperty());
        Region grow = new Region();
        setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(chips, shown, search, grow, bulkClear(sessions, readOnly, clearMany));
        setId("triage-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
    }

    private static Button bulkClear(SessionsViewModel sessions, boolean readOnly, Consumer<List<BufferSummary>> clearMany) {
        Button bulkClear = new Button();
        bulkClear.setId("bulk-clear");
        bulkClear.getStyleClass().add("danger");
        bulkClear.setMinWidth(USE_PREF_SIZE);
        Observable[] deps = {sessions.checked(), sessions.rows(), sessions.filterProperty(),
                sessions.stuckOnlyProperty(), sessions.reasonProperty()};
        bulkClear.textProperty().bind(Bindings.createStringBinding(() -> sessions.checked().size() > 1
                ? "Clear " + sessions.checked().size() + " selected buffers\u2026"
                : sessions.isFiltered() ? "Clear " + sessions.rows().size() + " shown buffers\u2026"
                : "Clear many buffers\u2026", deps)); // disabled until a filter or a selection says which
        if (readOnly) {
            bulkClear.setDisable(true);
        } else {
            // cheap on every change of 100,000 rows: no copy of the targets until the button is pressed
            bulkClear.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> sessions.checked().size() <= 1 && (!sessions.isFiltered() || sessions.rows().isEmpty()), deps));
        }
        bulkClear.setTooltip(new Tooltip("Clear every buffer shown by the filter (or the rows selected with Ctrl/Shift):"
                + " one plan, one question, one backup file, one Undo"));
        bulkClear.setOnAction(e -> clearMany.accept(sessions.bulkTargets()));
        return bulkClear;
    }

    private static Label muted(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("text-muted");
        return label;
    }
}
