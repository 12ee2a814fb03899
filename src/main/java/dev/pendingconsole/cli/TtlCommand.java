package dev.pendingconsole.cli;

import dev.pendingconsole.ops.write.SetTtl;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.TtlChange;
import dev.pendingconsole.ops.TtlOutcome;
import dev.pendingconsole.ops.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Optional;

@Command(name = "ttl",
        footer = {"", "Examples:", "  pending ttl demo-no-ttl 3600", "  pending ttl demo-healthy-1 600 --extend", "  pending ttl demo-healthy-1 --persist"}, description = {"Set, extend or remove a buffer's TTL.",
        "Shows the change and asks (or needs --yes); the audit log records the TTL before and after."})
final class TtlCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SECONDS", description = "Expire after this many seconds.")
    Long seconds;

    @Option(names = "--persist", description = "Remove the TTL: the buffer never expires.")
    boolean persist;

    @Option(names = "--extend", description = "Add SECONDS to the remaining TTL instead of setting it.")
    boolean extend;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Override
    public Integer call() {
        SessionId id = GlobalOptions.session(session);
        TtlChange ttl;
        if ((seconds == null) == !persist) {
            throw new Cli.UsageException("give either SECONDS or --persist");
        }
        if (persist) {
            if (extend) {
                throw new Cli.UsageException("--extend needs SECONDS, not --persist");
            }
            ttl = new TtlChange.Persist();
        } else {
            if (seconds < 1) {
                throw new Cli.UsageException("SECONDS must be at least 1; use --persist to remove the TTL");
            }
            Duration d = Duration.ofSeconds(seconds);
            ttl = extend ? new TtlChange.Extend(d) : new TtlChange.Set(d);
        }
        TtlOutcome outcome;
        try (GlobalOptions.Connection redis = connect()) {
            Workspace ws = redis.ws;
            outcome = ws.write(SetTtl.of(buffer(ws, id), ttl), confirmer(yes));
        }
        Optional<Duration> after = outcome.after();
        Output output = output();
        if (output.json) {
            output.print(output.object().put("session", id.text())
                    .put("ttl_seconds", after.map(Duration::toSeconds).orElse(null))
                    .put("ttl_seconds_before", outcome.before().map(Duration::toSeconds).orElse(null)));
        } else {
            output.out.println(Output.oneLine(id.text()) + ": TTL " + after.map(d -> Output.duration(Optional.of(d)))
                    .orElse("none (never expires)") + " (was " + outcome.before().map(d -> Output.duration(Optional.of(d)))
                    .orElse("none") + ").");
        }
        return Cli.OK;
    }
}
