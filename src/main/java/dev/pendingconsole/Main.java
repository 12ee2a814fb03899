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

    public static void main(String[] args) {
        if (args.length == 0) {
            ConsoleApp.open(args);
            return;
        }
        System.exit(Cli.run(args, System.out, System.err, System.getenv()));
    }
}
