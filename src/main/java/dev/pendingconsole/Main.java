package dev.pendingconsole;

import dev.pendingconsole.cli.Cli;
import dev.pendingconsole.ui.ConsoleApp;

/**
 * The jar's entry point: no arguments opens the desktop console, anything else is the CLI. It does not
 * extend {@code Application}, so that {@code java -jar} works with JavaFX on the class path.
 */
public final class Main {

    private Main() {
    }

    /** The first argument that runs the console's half of {@code bench} in a JVM of its own. */
    public static final String CONSOLE_BENCH = "--console-bench";

    public static void main(String[] args) {
        if (args.length == 0) {
            ConsoleApp.open(args);
            return;
        }
        if (args.length == 2 && args[0].equals(CONSOLE_BENCH)) {
            dev.pendingconsole.ui.ConsoleBench.main(new String[] {args[1]});
            return;
        }
        System.exit(Cli.run(args, System.out, System.err, System.getenv()));
    }
}
