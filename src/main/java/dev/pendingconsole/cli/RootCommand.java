package dev.pendingconsole.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;

@Command(name = "pending",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = CommandLine.HelpCommand.class,
        description = {"Inspect and operate the per-session pending-message buffers a chat backend keeps in Redis.",
                "Run without arguments to open the desktop console."},
        footer = {"", "Connection: --url, else $REDIS_URL, else redis://127.0.0.1:6379.",
                "Backups and the audit log: $PENDING_CONSOLE_HOME, else the platform's data directory.",
                "Exit codes: 0 ok, 1 the operation failed or found nothing to act on, 2 usage error, 3 check: a threshold crossed."})
final class RootCommand implements Runnable {

    /** Every command, in the order the help lists them (registered by {@link Cli#run}, only those asked for). */
    static final List<Class<?>> COMMANDS = List.of(ListCommand.class, PeekCommand.class,
            CountCommand.class, PushCommand.class, DrainCommand.class, ClearCommand.class, RemoveCommand.class,
            ExportCommand.class, ImportCommand.class, TtlCommand.class, AnnounceCommand.class, LimitsCommand.class, WatchCommand.class,
            CheckCommand.class, HistoryCommand.class, BackupsCommand.class, ServeCommand.class, ServersCommand.class, FleetCommand.class, ProfilesCommand.class, CompletionCommand.class, SandboxCommand.class, BenchCommand.class);

    final Map<String, String> env;
    final Terminal terminal;
    /** Standard output as bytes, under the command line's writer: large JSON documents go straight onto it. */
    final OutputStream stdout;

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions options;

    RootCommand(Map<String, String> env, Terminal terminal, OutputStream stdout) {
        this.env = env;
        this.terminal = terminal;
        this.stdout = stdout;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
