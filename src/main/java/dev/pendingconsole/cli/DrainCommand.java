package dev.pendingconsole.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.DrainResult;
import dev.pendingconsole.core.PendingBuffers;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.DrainOutcome;
import dev.pendingconsole.ops.Inspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "drain", description = {"Pop up to the cap's worth of messages, oldest first, as the backend's",
        "executor does (LPOP with a count), after which they are gone from Redis. What was popped is saved",
        "to a backup unless --no-backup; entries the backend cannot parse are printed on stderr with their",
        "exact bytes. With --out, the entries are exported to FILE first and then removed only if they are",
        "still the head of the list (nothing is popped blindly)."})
final class DrainCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Option(names = "--out", paramLabel = "FILE", description = "Drain to this JSON Lines file (import restores it).")
    Path out;

    @Option(names = "--no-backup", description = "Do not save what was popped.")
    boolean noBackup;

    @Override
    public Integer call() {
        SessionId id = GlobalOptions.session(session);
        Output output = output();
        if (out != null) {
            return drainToFile(id, output);
        }
        DrainOutcome outcome;
        try (GlobalOptions.Connection redis = connect()) {
            outcome = redis.ops.drain(redis.ops.ref(id), !noBackup);
        }
        DrainResult result = outcome.result();
        for (BufferEntry.Invalid dropped : result.dropped()) {
            output.warnDropped("dropped an entry the backend cannot read", dropped);
        }
        if (output.json) {
            ArrayNode array = output.array();
            result.messages().forEach(m -> array.add(Output.messageJson(m)));
            output.print(array);
        } else if (result.popped().isEmpty()) {
            output.out.println("Nothing to drain for " + Output.oneLine(id.text()) + ".");
        } else {
            output.out.println("Drained " + PushCommand.plural(result.messages().size(), "message", "messages")
                    + " from " + Output.oneLine(id.text()) + ", oldest first:");
            int n = 1;
            for (BufferEntry.Valid m : result.messages()) {
                output.out.println();
                output.out.println("--- " + n++ + " (as the model sees it) ---");
                output.out.println(m.message().modelView());
            }
            outcome.backup().ifPresent(b -> output.out.println("\nBackup: " + b));
        }
        return Cli.OK;
    }

    private int drainToFile(SessionId id, Output output) {
        ClearOutcome outcome;
        try (GlobalOptions.Connection redis = connect()) {
            Inspection seen = redis.ops.inspect(redis.ops.ref(id), 0, PendingBuffers.MAX_PAGE);
            outcome = redis.ops.drainToFile(seen, out);
        }
        if (output.json) {
            output.print(output.object().put("session", id.text()).put("status", outcome.status().name().toLowerCase())
                    .put("drained", outcome.removed()).put("remaining", outcome.remaining())
                    .put("file", outcome.backup().map(Object::toString).orElse(null)));
        } else if (outcome.status() == ClearOutcome.Status.CLEARED) {
            output.out.println("Drained " + outcome.removed() + " entries of " + Output.oneLine(id.text()) + " to " + out
                    + "; " + outcome.remaining() + " left.");
        } else if (outcome.status() == ClearOutcome.Status.NOTHING) {
            output.out.println("Nothing to drain for " + Output.oneLine(id.text()) + ".");
        }
        if (outcome.status() == ClearOutcome.Status.CHANGED) {
            throw new Cli.OperationFailed(Output.oneLine(id.text()) + " changed while it was being exported; nothing was "
                    + "removed and no file was kept; run again");
        }
        return Cli.OK;
    }
}
