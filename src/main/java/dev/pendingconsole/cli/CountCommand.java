package dev.pendingconsole.cli;

import dev.pendingconsole.core.SessionId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "count",
        footer = {"", "Examples:", "  pending count demo-healthy-1"}, description = "Print how many messages a session has pending (0 when it has no buffer).")
final class CountCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Override
    public Integer call() {
        SessionId id = GlobalOptions.session(session);
        try (GlobalOptions.Connection redis = connect()) {
            output().out.println(redis.ws.count(buffer(redis.ws, id)));
        }
        return Cli.OK;
    }
}
