package dev.pendingconsole.ui;

import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Connection;
import dev.pendingconsole.ui.connect.ConnectView;
import dev.pendingconsole.ui.connect.ConnectViewModel;
import dev.pendingconsole.ui.servers.ServersViewModel;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.util.Map;
import java.util.Objects;

/**
 * Everything on one stage: the connect screen, then the main view of an open connection. Built from an
 * environment map so tests can point it at their own Redis and data directory.
 */
public final class ConsoleWindow {

    private final Stage stage;
    private final Map<String, String> env;
    private final Background background = new Background();
    private final Scene scene;
    private Connection connection;
    private MainView main;
    private boolean dark;
    private double splitPosition = 0.6;
    private final boolean readOnlyStart;

    public ConsoleWindow(Stage stage, Map<String, String> env, boolean dark) {
        this(stage, env, dark, false);
    }

    /** {@code readOnly}: the connect screen starts with Read-only ticked ({@code pending --read-only}). */
    public ConsoleWindow(Stage stage, Map<String, String> env, boolean dark, boolean readOnly) {
        this.readOnlyStart = readOnly;
        this.stage = stage;
        this.env = env;
        this.dark = dark;
        applyTheme();
        scene = new Scene(connectView(), 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(ConsoleWindow.class.getResource("console.css")).toExternalForm());
        stage.setTitle("Pending Console");
        stage.getIcons().add(new Image(
                Objects.requireNonNull(ConsoleWindow.class.getResourceAsStream("icon.png"))));
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> close());
    }

    public Stage stage() {
        return stage;
    }

    public Background background() {
        return background;
    }

    public MainView main() {
        return main;
    }

    public boolean isDark() {
        return dark;
    }

    /** The table/tabs divider, remembered across runs. */
    public double splitPosition() {
        return main != null ? main.splitPosition() : splitPosition;
    }

    public void setSplitPosition(double position) {
        splitPosition = position;
    }

    private Parent connectView() {
        ConnectViewModel model = new ConnectViewModel(background, env, this::connected);
        model.readOnlyProperty().set(readOnlyStart);
        return new ConnectView(model);
    }

    /** Shows the main view of a connection opened elsewhere (the benchmark opens its own). */
    void show(Connection opened) {
        connected(opened);
    }

    private void connected(Connection opened) {
        connection = opened;
        main = new MainView(opened, background, this::toggleTheme, this::disconnect);
        main.addServersTab(new ServersViewModel(env, background), this::open);
        main.setSplitPosition(splitPosition);
        scene.setRoot(main);
        stage.setTitle("Pending Console \u2014 " + opened.describe());
    }

    private void disconnect() {
        if (leave()) {
            scene.setRoot(connectView());
        }
    }

    /**
     * Opens a saved profile from the Servers view: the current connection is closed (a sandbox's after its
     * question), and the connect screen connects with the profile, showing its progress or why it failed
     * (a password is asked there: profiles never hold one).
     */
    private void open(ConnectionProfile profile) {
        if (!leave()) {
            return;
        }
        ConnectViewModel model = new ConnectViewModel(background, env, this::connected);
        scene.setRoot(new ConnectView(model));
        model.selectedProperty().set(profile);
        model.connect();
    }

    /** Closes the connection, a sandbox's only if the operator agrees; false when they did not. */
    private boolean leave() {
        if (connection != null && connection.isSandbox()) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    "Disconnecting stops the sandbox and deletes its data: the demo buffers and anything pushed or"
                            + " restored into them. Backups and exports on disk stay.",
                    ButtonType.OK, ButtonType.CANCEL);
            ask.setHeaderText("Stop the sandbox?");
            ask.getDialogPane().setId("sandbox-disconnect");
            ask.initOwner(stage);
            if (ask.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
                return false;
            }
        }
        closeConnection();
        stage.setTitle("Pending Console");
        return true;
    }

    public void toggleTheme() {
        dark = !dark;
        applyTheme();
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private void closeConnection() {
        if (main != null) {
            splitPosition = main.splitPosition();
            main.close();
            main = null;
        }
        Connection closing = connection;
        connection = null;
        if (closing != null) {
            background.run(() -> {
                closing.close();
                return null;
            }, ok -> { }, failure -> { });
        }
    }

    public void close() {
        closeConnection();
    }
}
