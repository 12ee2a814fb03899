package dev.pendingconsole.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;

@Command(name = "pending-console",
        mixinStandardHelpOptions = true,
        version = "Pending Console 0.1",
        description = {"Inspect and operate the per-session pending-message buffers a chat backend keeps in Redis.",
                "Run without arguments to open the desktop console."},
        subcommands = {PushCommand.class, DrainCommand.class, PeekCommand.class, CountCommand.class},
        footer = {"", "Connection: --url, else $REDIS_URL, else redis://127.0.0.1:6379.",
                "Exit codes: 0 ok, 1 the operation failed, 2 usage error."})
final class RootCommand implements Runnable {

    final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    GlobalOptions options;

    RootCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
