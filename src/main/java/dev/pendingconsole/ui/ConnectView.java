package dev.pendingconsole.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Where the console starts: connect to a Redis, or try everything on the built-in sandbox in one click. */
public final class ConnectView extends VBox {

    public ConnectView(ConnectViewModel model) {
        Label title = new Label("Pending Console");
        title.getStyleClass().add("title-1");
        Label subtitle = new Label("Find stuck pending-message buffers, read exactly what users queued, clear them safely.");
        subtitle.getStyleClass().add("text-muted");

        Button sandbox = new Button("Start the sandbox");
        sandbox.setId("sandbox");
        sandbox.getStyleClass().add("accent");
        sandbox.setDefaultButton(false);
        sandbox.setOnAction(e -> model.startSandbox());
        Label sandboxHint = new Label("A throwaway local Redis with demo data: healthy and stuck buffers of every kind.");
        sandboxHint.getStyleClass().add("text-muted");
        sandboxHint.setWrapText(true);

        TextField url = new TextField();
        url.setId("url");
        url.setPromptText("redis://host:6379, rediss://..., redis-sentinel://host:26379/0#master");
        url.textProperty().bindBidirectional(model.urlProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText("asked each time, never saved");
        password.textProperty().bindBidirectional(model.passwordProperty());
        CheckBox readOnly = new CheckBox("Read-only: browse and peek, never write");
        readOnly.setId("read-only");
        readOnly.selectedProperty().bindBidirectional(model.readOnlyProperty());
        CheckBox production = new CheckBox("Production: show a banner; confirm destruction by typing the session id");
        production.setId("production");
        production.selectedProperty().bindBidirectional(model.productionProperty());
        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.setOnAction(e -> model.connect());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        form.addRow(0, new Label("Redis URL"), url);
        form.addRow(1, new Label("Password"), password);
        form.add(readOnly, 1, 2);
        form.add(production, 1, 3);
        GridPane.setHgrow(url, Priority.ALWAYS);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.busyProperty());
        Label error = new Label();
        error.setId("connect-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        HBox actions = new HBox(10, connect, spinner);
        actions.setAlignment(Pos.CENTER_LEFT);
        connect.disableProperty().bind(model.busyProperty());
        sandbox.disableProperty().bind(model.busyProperty());

        VBox card = new VBox(14, title, subtitle, new Separator(), new Label("New here?"), sandbox, sandboxHint,
                new Separator(), new Label("Connect to a Redis"), form, actions, error);
        card.setMaxWidth(640);
        card.setPadding(new Insets(28));
        card.getStyleClass().add("connect-card");
        setAlignment(Pos.TOP_CENTER);
        setPadding(new Insets(40));
        getChildren().add(card);
    }
}
