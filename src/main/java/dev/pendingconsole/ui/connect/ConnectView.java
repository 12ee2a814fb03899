package dev.pendingconsole.ui.connect;

import dev.pendingconsole.core.BackendChoice;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.local.ConnectionProfile;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Where the console starts: the saved profiles, a profile form, and the built-in sandbox one click away
 * for anyone without a Redis at hand.
 */
public final class ConnectView extends HBox {

    public ConnectView(ConnectViewModel model) {
        Label title = new Label("Pending Console");
        title.getStyleClass().add("title-1");
        Label subtitle = new Label("Find stuck pending-message buffers, read exactly what users queued, clear them safely.");
        subtitle.getStyleClass().add("text-muted");
        subtitle.setWrapText(true);
        subtitle.setMinHeight(USE_PREF_SIZE);

        Button sandbox = new Button("Start the sandbox");
        sandbox.setId("sandbox");
        sandbox.getStyleClass().add("accent");
        sandbox.setOnAction(e -> model.startSandbox());
        Label sandboxHint = new Label("A throwaway local Redis with demo data: healthy and stuck buffers of every kind.");
        sandboxHint.getStyleClass().add("text-muted");
        sandboxHint.setWrapText(true);

        TextField name = text("profile-name", "a name for this connection", model.nameProperty());
        TextField url = text("url", "redis://host:6379, rediss://..., redis-sentinel://host:26379/0#master", model.urlProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText("asked each time, never saved");
        password.textProperty().bindBidirectional(model.passwordProperty());
        CheckBox readOnly = check("read-only", "Read-only: browse and peek, never write", model.readOnlyProperty());
        CheckBox production = check("production", "Production: every write asks for the session id", model.productionProperty());
        production.setTooltip(new Tooltip("A red banner, and every write shows its plan and asks for the"
                + " session id to be typed. Remembered for this server's URL: later connections to it are production too."));

        GridPane form = grid();
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Redis URL"), url);
        form.addRow(2, new Label("Password"), password);
        form.add(readOnly, 1, 3);
        form.add(production, 1, 4);

        CheckBox verify = check("verify-peer", "Verify the server certificate (rediss://)", model.verifyPeerProperty());
        TextField ca = text("ca-file", "PEM file of CA certificates to trust (optional)", model.caFileProperty());
        ComboBox<RedisTarget.Mode> mode = combo("mode", RedisTarget.Mode.values(), model.modeProperty());
        TextField prefix = text("prefix", "key prefix", model.prefixProperty());
        ComboBox<KeyLayout> layout = combo("layout", KeyLayout.values(), model.layoutProperty());
        TextField cap = text("cap", "cap", model.capProperty());
        TextField ttl = text("ttl", "TTL in seconds", model.ttlProperty());
        TextField meta = text("meta-prefix", "turn metadata prefix", model.metaPrefixProperty());
        ComboBox<PublishMode> publish = combo("publish", PublishMode.values(), model.publishProperty());
        ComboBox<BackendChoice> backend = combo("backend",
                BackendChoice.values(), model.backendProperty());
        backend.setTooltip(new Tooltip("Which backend a typed session id means: seed (copilot:pending:<sid>),"
                + " current (copilot:pending:{<sid>}), or auto: the layout that holds it, else current on a cluster or"
                + " where hash-tagged keys exist. Each listed buffer is always judged by its own generation."));
        GridPane advanced = grid();
        advanced.addRow(0, new Label("TLS"), verify);
        advanced.addRow(1, new Label("CA file"), ca);
        advanced.addRow(2, new Label("Topology"), mode);
        advanced.addRow(3, new Label("Key prefix"), prefix);
        advanced.addRow(4, new Label("Key layout"), layout);
        advanced.addRow(5, new Label("Cap"), cap);
        advanced.addRow(6, new Label("TTL (s)"), ttl);
        advanced.addRow(7, new Label("Meta prefix"), meta);
        advanced.addRow(8, new Label("Notify"), publish);
        advanced.addRow(9, new Label("Backend"), backend);
        TextField alert = text("stuck-alert", "0: never", model.stuckAlertProperty());
        alert.setTooltip(new Tooltip("A desktop notification when more buffers than this are stuck,"
                + " once each time the count crosses it (not while a scan is still filling the table)"));
        advanced.addRow(10, new Label("Notify above N stuck"), alert);
        TitledPane more = new TitledPane("Advanced: TLS, topology, key schema", advanced);
        more.setExpanded(false);

        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.setOnAction(e -> model.connect());
        Button save = new Button("Save profile");
        save.setId("save-profile");
        save.setOnAction(e -> model.saveProfile());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.busyProperty());
        Label error = new Label();
        error.setId("connect-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        Label info = new Label();
        info.setId("connect-info");
        info.getStyleClass().add("text-muted");
        info.textProperty().bind(model.infoProperty());
        HBox actions = new HBox(10, connect, save, spinner, info);
        actions.setAlignment(Pos.CENTER_LEFT);
        connect.disableProperty().bind(model.busyProperty());
        sandbox.disableProperty().bind(model.busyProperty());

        CheckBox sandboxCluster = check("sandbox-cluster", "As a 3-master cluster, like today's backend",
                model.sandboxClusterProperty());
        VBox card = new VBox(12, title, subtitle, new Separator(), new Label("New here?"),
                sandboxRow(sandbox, sandboxCluster), sandboxHint,
                new Separator(), new Label("Connect to a Redis"), form, more, actions, error);
        card.setPrefWidth(640);
        card.setMaxWidth(680);
        card.setPadding(new Insets(24));
        card.getStyleClass().add("connect-card");

        ListView<ConnectionProfile> list = new ListView<>(model.profiles());
        list.setId("profiles");
        list.setPlaceholder(new Label("No saved profiles yet."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + (p.production() ? "  \u2022 production" : "")
                        + (p.readOnly() ? "  \u2022 read-only" : "") + "\n" + p.url());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selectedProperty().set(b));
        Button delete = new Button("Delete");
        delete.setId("delete-profile");
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> model.deleteProfile());
        Label saved = new Label("Saved profiles");
        saved.getStyleClass().add("title-4");
        VBox side = new VBox(8, saved, list, delete);
        side.setPrefWidth(300);
        VBox.setVgrow(list, Priority.ALWAYS);

        setSpacing(24);
        setPadding(new Insets(32));
        setAlignment(Pos.TOP_CENTER);
        // the form scrolls: with Advanced open it is taller than a 700-pixel screen, and Connect must stay reachable
        ScrollPane scroll = new ScrollPane(card);
        scroll.setId("connect-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setMaxWidth(720);
        setHgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(side, scroll);
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    private static TextField text(String id, String prompt, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static HBox sandboxRow(Button start, CheckBox cluster) {
        HBox row = new HBox(12, start, cluster);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static CheckBox check(String id, String text, BooleanProperty property) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(property);
        return box;
    }

    private static <T> ComboBox<T> combo(String id, T[] values, ObjectProperty<T> property) {
        ComboBox<T> box = new ComboBox<>(FXCollections.observableArrayList(values));
        box.setId(id);
        box.valueProperty().bindBidirectional(property);
        return box;
    }
}
