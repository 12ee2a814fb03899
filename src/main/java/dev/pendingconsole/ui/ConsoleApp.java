package dev.pendingconsole.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import java.util.prefs.Preferences;

/** The desktop console's JavaFX application; the window itself is {@link ConsoleWindow}. */
public final class ConsoleApp extends Application {

    private ConsoleWindow window;

    public static void open(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Preferences prefs = Preferences.userNodeForPackage(ConsoleApp.class);
        window = new ConsoleWindow(stage, System.getenv(), prefs.getBoolean("dark", false));
        stage.setWidth(prefs.getDouble("width", 1280));
        stage.setHeight(prefs.getDouble("height", 800));
        stage.show();
        if (Boolean.getBoolean("pending.timing")) {
            long sinceJvmStart = System.currentTimeMillis()
                    - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("window shown " + sinceJvmStart + " ms after the JVM started");
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            Preferences prefs = Preferences.userNodeForPackage(ConsoleApp.class);
            prefs.putBoolean("dark", window.isDark());
            prefs.putDouble("width", window.stage().getWidth());
            prefs.putDouble("height", window.stage().getHeight());
            window.close();
            window.background().shutdown();
        }
    }
}
