package dev.pendingconsole.ui;

import dev.pendingconsole.ui.common.Notice;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The notification bar under the table: one notice at a time, with at most one action (Undo, Cancel),
 * hidden while empty. Every notice but progress is also kept, newest first, for the Activity tab.
 */
final class NoticeBar extends HBox {

    /** Always with seconds: LocalTime's own toString drops them when they are zero. */
    private static final DateTimeFormatter ACTIVITY_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Label notice = new Label();
    private final Button action = new Button();
    private final ObservableList<String> activity = FXCollections.observableArrayList();

    NoticeBar() {
        super(10);
        notice.setId("notification");
        notice.setWrapText(true);
        action.setId("notice-action");
        action.setVisible(false);
        Button dismiss = new Button("\u2715");
        dismiss.setOnAction(e -> show(Notice.info("")));
        Region grow = new Region();
        setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(notice, grow, action, dismiss);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 10, 6, 10));
        getStyleClass().add("notice-bar");
        managedProperty().bind(notice.textProperty().isNotEmpty());
        visibleProperty().bind(notice.textProperty().isNotEmpty());
    }

    /** What this session did, newest first: every notice shown, with its time. */
    ObservableList<String> activity() {
        return activity;
    }

    /** Shows a notice in the bar and records it in the activity list. */
    void show(Notice n) {
        showInBar(n);
        if (!n.text().isEmpty()) {
            activity.add(0, ACTIVITY_TIME.format(LocalTime.now()) + "  " + n.text());
        }
    }

    /** Progress of long work, with a Cancel action; not recorded in the activity list. */
    void showProgress(String text, Runnable cancel) {
        showInBar(Notice.withAction(text, "Cancel", cancel));
    }

    private void showInBar(Notice n) {
        notice.setText(n.text());
        notice.getStyleClass().remove("error-text");
        if (n.error()) {
            notice.getStyleClass().add("error-text");
        }
        if (n.action() == null) {
            action.setVisible(false);
            return;
        }
        action.setText(n.actionLabel());
        action.setId("undo".equalsIgnoreCase(n.actionLabel()) ? "undo" : "notice-action");
        action.setOnAction(e -> {
            action.setVisible(false);
            n.action().run();
        });
        action.setVisible(true);
    }
}
