package dev.pendingconsole.cli;

import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.write.Announce;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Re-sends a buffer's wake-up notification through the write door (audited; no data changes). */
@Command(name = "announce", description = "Send a session's wake-up notification again, for a running turn whose notification was lost.",
        footer = {"", "Examples:", "  pending announce demo-healthy-1", "  pending --json announce demo-current-running"})
final class AnnounceCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Option(names = {"-y", "--yes"}, description = "Answer yes where it asks (it asks nothing off production; there --confirm).")
    boolean yes;

    @Override
    public Integer call() {
        SessionId id = GlobalOptions.session(session);
        try (GlobalOptions.Connection redis = connect()) {
            long heard = redis.ws.write(new Announce(buffer(redis.ws, id)), confirmer(yes));
            Output output = output();
            if (output.json) {
                output.print(output.object().put("session", id.text()).put("subscribers", heard));
            } else {
                output.out.println("Announced " + Output.oneLine(id.text()) + ": " + heard
                        + (heard == 1 ? " subscriber heard it." : " subscribers heard it."));
            }
            if (heard == 0) {
                output.err.println("warning: nobody listens on its channel now: no running turn (or executor) will wake up");
            }
        }
        return Cli.OK;
    }
}
