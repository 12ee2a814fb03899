package dev.pendingconsole.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import java.util.prefs.Preferences;

/** The desktop console's JavaFX application; the window itself is {@link ConsoleWindow}. */
public final class ConsoleApp extends Application {

    private ConsoleWindow window;
    private Preferences prefs;

    public static void open(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }

    /** Runs on the launcher thread: the preferences file is read here, not on the FX thread. */
    @Override
    public void init() {
        prefs = Preferences.userNodeForPackage(ConsoleApp.class);
        prefs.getBoolean("dark", false);
    }

    @Override
    public void start(Stage stage) {
        window = new ConsoleWindow(stage, System.getenv(), prefs.getBoolean("dark", false));
        window.setSplitPosition(prefs.getDouble("split", 0.56));
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
            // put() only updates memory; the JDK writes the file from its own thread
            prefs.putBoolean("dark", window.isDark());
            prefs.putDouble("split", window.splitPosition());
            prefs.putDouble("width", window.stage().getWidth());
            prefs.putDouble("height", window.stage().getHeight());
            window.close();
            window.background().shutdown();
        }
    }
}
