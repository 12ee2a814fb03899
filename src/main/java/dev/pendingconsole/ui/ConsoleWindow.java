package dev.pendingconsole.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.Map;
import java.util.Objects;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Connection;
import dev.pendingconsole.ui.connect.ConnectView;
import dev.pendingconsole.ui.connect.ConnectViewModel;

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

    public ConsoleWindow(Stage stage, Map<String, String> env, boolean dark) {
        this.stage = stage;
        this.env = env;
        this.dark = dark;
        applyTheme();
        scene = new Scene(connectView(), 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(ConsoleWindow.class.getResource("console.css")).toExternalForm());
        stage.setTitle("Pending Console");
        stage.getIcons().add(new javafx.scene.image.Image(
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
        return new ConnectView(new ConnectViewModel(background, env, this::connected));
    }

    /** Shows the main view of a connection opened elsewhere (the benchmark opens its own). */
    void show(Connection opened) {
        connected(opened);
    }

    private void connected(Connection opened) {
        connection = opened;
        main = new MainView(opened, background, this::toggleTheme, this::disconnect);
        main.setSplitPosition(splitPosition);
        scene.setRoot(main);
        stage.setTitle("Pending Console \u2014 " + opened.describe());
    }

    private void disconnect() {
        closeConnection();
        scene.setRoot(connectView());
        stage.setTitle("Pending Console");
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
