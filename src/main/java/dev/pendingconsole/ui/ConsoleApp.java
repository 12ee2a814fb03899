package dev.pendingconsole.ui;

import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.util.logging.Logger;
import java.util.prefs.Preferences;

/** The desktop console's JavaFX application; the window itself is {@link ConsoleWindow}. */
public final class ConsoleApp extends Application {

    private ConsoleWindow window;
    private Preferences prefs;

    /** Holds the logger whose filter is set below: a logger only weakly referenced may be collected, filter and all. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    public static void open(String[] args) {
        // JavaFX travels inside the application jar (java -jar and the image alike), so it is on the class
        // path, not the module path, and says so on every start ("Unsupported JavaFX configuration: classes
        // were loaded from 'unnamed module'"). Everything this console uses works so (the whole UI suite
        // runs that way); only that one line is dropped, every other JavaFX message stays.
        JAVAFX_LOG.setFilter(record -> record.getMessage() == null
                || !record.getMessage().startsWith("Unsupported JavaFX configuration"));
        for (String arg : args) {
            if (arg.equals("--timing")) {
                System.setProperty("pending.timing", "true");
            }
        }
        launch(ConsoleApp.class, args);
    }

    /** Runs on the launcher thread: the preferences file is read here, not on the FX thread. */
    @Override
    public void init() {
        prefs = Preferences.userNodeForPackage(ConsoleApp.class);
        prefs.getBoolean("dark", false);
    }

    @Override
    public void start(Stage stage) {
        window = new ConsoleWindow(stage, System.getenv(), prefs.getBoolean("dark", false),
                getParameters().getRaw().contains("--read-only"));
        window.setSplitPosition(prefs.getDouble("split", 0.6));
        // never larger than the screen (a laptop at 1024x700 has less than the 1280x800 default), and on it
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = Math.min(prefs.getDouble("width", 1280), screen.getWidth());
        double height = Math.min(prefs.getDouble("height", 800), screen.getHeight());
        stage.setWidth(width);
        stage.setHeight(height);
        stage.setX(screen.getMinX() + (screen.getWidth() - width) / 2);
        stage.setY(screen.getMinY() + (screen.getHeight() - height) / 2);
        stage.setMinWidth(Math.min(800, screen.getWidth()));
        stage.setMinHeight(Math.min(560, screen.getHeight()));
        stage.show();
        if (Boolean.getBoolean("pending.timing")) {
            long sinceJvmStart = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
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
