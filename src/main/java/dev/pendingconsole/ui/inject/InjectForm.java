package dev.pendingconsole.ui.inject;

import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The inject form: fields as the endpoint takes them, validation and the model's view live. */
public final class InjectForm extends VBox {

    public InjectForm(InjectViewModel model, boolean readOnly) {
        setId("inject-form");
        setSpacing(8);
        setPadding(new Insets(10));
        Label target = new Label();
        target.setId("inject-target");
        target.getStyleClass().add("text-muted");
        target.textProperty().bind(model.targetTextProperty());
        TextField session = field("inject-session", "session id (used literally)", model.sessionProperty());
        TextArea content = new TextArea();
        content.setId("inject-content");
        content.setPromptText("The message, 1 to 16,000 characters");
        content.setWrapText(true);
        content.setPrefRowCount(4);
        content.textProperty().bindBidirectional(model.contentProperty());
        TextField fileIds = field("inject-file-ids", "workspace file ids, comma separated (at most 20)", model.fileIdsProperty());
        TextField url = field("inject-url", "page URL (at most 2,000 characters)", model.pageUrlProperty());
        TextArea page = new TextArea();
        page.setId("inject-page-content");
        page.setPromptText("page content (at most 32,000 characters)");
        page.setPrefRowCount(2);
        page.setWrapText(true);
        page.textProperty().bindBidirectional(model.pageContentProperty());
        Spinner<Integer> repeat = new Spinner<>(1, 1_000, 1);
        repeat.setId("inject-repeat");
        repeat.setEditable(true);
        repeat.valueProperty().addListener((o, a, b) -> model.repeatProperty().set(b == null ? 1 : b));
        commitOnFocusLost(repeat);
        Spinner<Integer> every = new Spinner<>(0, 600_000, 1_000, 100);
        every.setId("inject-every");
        every.setEditable(true);
        every.valueProperty().addListener((o, a, b) -> model.everyMillisProperty().set(b == null ? 0 : b));
        commitOnFocusLost(every);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Session"), session);
        form.addRow(1, new Label("Message"), content);
        form.addRow(2, new Label("File ids"), fileIds);
        form.addRow(3, new Label("Page URL"), url);
        form.addRow(4, new Label("Page content"), page);
        form.addRow(5, new Label("Repeat"), repeat);
        form.addRow(6, new Label("Every (ms)"), every);
        CheckBox gated = new CheckBox("Only while its turn is running");
        gated.setId("inject-only-if-running");
        gated.setTooltip(new Tooltip("As today's backend's HTTP route: nothing is pushed when no turn is running"
                + " (on by default for its {session} buffers)"));
        gated.selectedProperty().bindBidirectional(model.onlyIfRunningProperty());
        form.add(gated, 1, 7);
        GridPane.setHgrow(content, Priority.ALWAYS);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);

        Label error = new Label();
        error.setId("inject-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        Label warning = new Label();
        warning.setId("inject-warning");
        warning.getStyleClass().add("warning-text");
        warning.setWrapText(true);
        warning.textProperty().bind(model.warningProperty());
        TextArea preview = new TextArea();
        preview.setId("inject-preview");
        preview.setEditable(false);
        preview.setWrapText(true);
        preview.getStyleClass().add("mono");
        preview.setPrefRowCount(5);
        preview.textProperty().bind(model.previewProperty());
        Button push = new Button("Push");
        push.setId("inject-push");
        push.getStyleClass().add("accent");
        push.setOnAction(e -> model.push());
        if (readOnly) {
            push.setDisable(true);
            push.setTooltip(new Tooltip("Read-only connection: writes are disabled"));
        } else {
            push.disableProperty().bind(model.validProperty().not().or(model.pushingProperty()));
        }
        Button stop = new Button("Stop");
        stop.setId("inject-stop");
        stop.setOnAction(e -> model.stop());
        stop.visibleProperty().bind(model.pushingProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        Label progress = new Label();
        progress.setId("inject-progress");
        progress.textProperty().bind(model.progressTextProperty());
        HBox actions = new HBox(8, push, stop, progress);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label previewTitle = new Label("What the model will see");
        previewTitle.getStyleClass().add("text-muted");
        getChildren().addAll(target, form, error, warning, actions, previewTitle, preview);
        setVgrow(preview, Priority.ALWAYS);
    }

    /** A typed value counts when the field is left (Tab), not only on Enter. */
    private static void commitOnFocusLost(Spinner<Integer> spinner) {
        spinner.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                try {
                    spinner.getValueFactory().setValue(spinner.getValueFactory().getConverter()
                            .fromString(spinner.getEditor().getText()));
                } catch (RuntimeException e) {
                    spinner.getEditor().setText(String.valueOf(spinner.getValue()));
                }
            }
        });
    }

    private static TextField field(String id, String prompt, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }
}
