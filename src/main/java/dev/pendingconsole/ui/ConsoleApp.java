package dev.pendingconsole.ui;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The desktop console. For now a starting window that says what the CLI can already do; the sessions
 * table, inspector and actions come with the console issue.
 */
public final class ConsoleApp extends Application {

    public static void open(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Label title = new Label("Pending Console");
        title.getStyleClass().add("title-1");
        Label body = new Label("""
                The desktop console is on its way. The command line already works against any Redis:

                  pending-console peek SESSION --url redis://host:6379
                  pending-console push SESSION --content "hello"
                  pending-console drain SESSION --json
                  pending-console --help""");
        body.setStyle("-fx-font-family: monospace;");
        VBox root = new VBox(16, title, body);
        root.setPadding(new Insets(24));
        stage.setTitle("Pending Console");
        stage.setScene(new Scene(root, 720, 360));
        stage.show();
    }
}
