package dev.pendingconsole;

import dev.pendingconsole.cli.Cli;
import dev.pendingconsole.ui.ConsoleApp;
import dev.pendingconsole.ui.ConsoleBench;

import java.util.Arrays;

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
            ConsoleApp.open(args); // no command: the console (read-only from the start with --read-only)
            return;
        }
        if (args.length == 2 && args[0].equals(CONSOLE_BENCH)) {
            ConsoleBench.main(new String[] {args[1]});
            return;
        }
        System.exit(Cli.run(args, System.out, System.err, System.getenv()));
    }
}
