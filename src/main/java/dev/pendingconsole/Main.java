package dev.pendingconsole;

import dev.pendingconsole.cli.Cli;
import dev.pendingconsole.ui.ConsoleApp;
import dev.pendingconsole.ui.ConsoleBench;

import java.util.Arrays;
import java.util.Map;
import java.util.Locale;

/**
 * The jar's entry point: no command opens the desktop console ({@code --read-only} and {@code --timing}
 * apply to it), anything else is the CLI. It does not
 * extend {@code Application}, so that {@code java -jar} works with JavaFX on the class path.
 */
public final class Main {

    private Main() {
    }

    /** The first argument that runs the console's half of {@code bench} in a JVM of its own. */
    public static final String CONSOLE_BENCH = "--console-bench";

    public static void main(String[] args) {
        if (Arrays.stream(args).allMatch(a -> a.equals("--read-only") || a.equals("--timing"))) {
            openConsole(args, System.getenv()); // no command: the console (read-only from the start with --read-only)
            return;
        }
        if (args.length == 2 && args[0].equals(CONSOLE_BENCH)) {
            ConsoleBench.main(new String[] {args[1]});
            return;
        }
        // a command speaks in sentences on stderr; logger lines are for the console and serve (a service),
        // or for whoever asks with -Dorg.slf4j.simpleLogger.defaultLogLevel=...
        if (!Arrays.asList(args).contains("serve") && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
        System.exit(Cli.run(args, System.out, System.err, System.getenv()));
    }

    static final String NO_DISPLAY = "error: no display to open the console on. Run a command instead"
            + " ('pending list', 'pending --help' lists them all), or set DISPLAY.";

    /**
     * Opens the console; where there is no display (a server, an SSH session without X forwarding) says so
     * in one line and exits 2, rather than JavaFX's stack trace.
     */
    private static void openConsole(String[] args, Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean unix = !os.contains("win") && !os.contains("mac");
        boolean headless = unix && blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"))
                && !"Monocle".equals(System.getProperty("glass.platform"));
        if (headless) {
            System.err.println(NO_DISPLAY);
            System.exit(Cli.USAGE);
        }
        try {
            ConsoleApp.open(args);
        } catch (RuntimeException e) { // a DISPLAY that cannot be opened, GTK missing
            System.err.println("error: the console could not open a window (" + e.getMessage()
                    + "). Run a command instead ('pending --help'), or check DISPLAY.");
            System.exit(Cli.USAGE);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
