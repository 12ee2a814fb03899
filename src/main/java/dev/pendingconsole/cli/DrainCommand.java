package dev.pendingconsole.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.DrainResult;
import dev.pendingconsole.core.SessionId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "drain", description = {"Pop up to the cap's worth of messages, oldest first, as the backend's",
        "executor does (LPOP with a count). Entries the backend cannot parse are popped too; they are printed",
        "on stderr with their exact bytes so that nothing disappears unseen."})
final class DrainCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Override
    public Integer call() {
        SessionId id = GlobalOptions.session(session);
        Output output = output();
        DrainResult result;
        try (GlobalOptions.Connection redis = connect()) {
            result = redis.buffers.drain(id);
        }
        for (BufferEntry.Invalid dropped : result.dropped()) {
            output.warnDropped("dropped an entry the backend cannot read", dropped);
        }
        if (output.json) {
            ArrayNode array = output.array();
            result.messages().forEach(m -> array.add(Output.messageJson(m)));
            output.print(array);
        } else if (result.messages().isEmpty()) {
            output.out.println("Nothing to drain for " + id + ".");
        } else {
            output.out.println("Drained " + PushCommand.plural(result.messages().size(), "message", "messages")
                    + " from " + id + ", oldest first:");
            int n = 1;
            for (BufferEntry.Valid m : result.messages()) {
                output.out.println();
                output.out.println("--- " + n++ + " (as the model sees it) ---");
                output.out.println(m.message().modelView());
            }
        }
        return Cli.OK;
    }
}
