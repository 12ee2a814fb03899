package dev.pendingconsole.cli;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.RemoveOutcome;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Remove;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "remove",
        footer = {"", "Examples:", "  pending remove demo-unreadable-entries 1"}, description = {"Remove one entry by its index (0 is the oldest).",
        "Only if it still holds what was read here. A backup is written first unless --no-backup."})
final class RemoveCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Parameters(index = "1", paramLabel = "INDEX", description = "The entry's index, as peek shows it.")
    long index;

    @CommandLine.Mixin
    SafetyOptions safety;

    @Override
    public Integer call() {
        SessionId id = GlobalOptions.session(session);
        if (index < 0) {
            throw new Cli.UsageException("INDEX must not be negative");
        }
        Output output = output();
        RemoveOutcome outcome;
        try (GlobalOptions.Connection redis = connect()) {
            Workspace ws = redis.ws;
            BufferRef ref = buffer(ws, id);
            Inspection seen = ws.inspect(ref, index, 1);
            if (seen.page().entries().isEmpty()) {
                throw new Cli.OperationFailed(Output.oneLine(id.text()) + " has no entry " + index
                        + " (it has " + seen.page().length() + ")");
            }
            BufferEntry entry = seen.page().entries().get(0);
            if (!output.json) {
                output.out.println("[" + index + "] " + (entry instanceof BufferEntry.Valid v
                        ? v.message().modelView() : "INVALID: " + ((BufferEntry.Invalid) entry).reason()));
            }
            outcome = ws.write(new Remove(ref, index, entry.raw(), !safety.noBackup), confirmer(safety.yes));
        }
        if (output.json) {
            output.print(output.object().put("session", id.text()).put("index", index)
                    .put("removed", outcome.removed()).put("remaining", outcome.remaining())
                    .put("backup", outcome.backup().map(Object::toString).orElse(null)));
        } else if (outcome.removed()) {
            output.out.println("Removed entry " + index + "; " + outcome.remaining() + " left."
                    + outcome.backup().map(b -> " Backup: " + b).orElse(""));
        }
        if (!outcome.removed()) {
            throw new Cli.OperationFailed("entry " + index + " changed since it was read; nothing was removed");
        }
        return Cli.OK;
    }
}
