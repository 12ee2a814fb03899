package dev.pendingconsole.cli;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.RemoveOutcome;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Remove;
import dev.pendingconsole.ops.write.RemoveWrongType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "remove",
        footer = {"", "Examples:", "  pending remove demo-unreadable-entries 1", "  pending remove demo-unreadable-entries --unreadable",
                "  pending remove demo-wrong-type --wrong-type"},
        description = {"Remove one entry by its index, the entries the backend cannot read, or a key of another type.", "INDEX: 0 is the oldest. --unreadable: every entry the backend drops on drain. --wrong-type:"
            + " the key of another type where the buffer belongs, its value backed up as DUMP gives it. Each"
            + " only if it still holds what was read here (all at once or none). A backup is written first"
            + " unless --no-backup; import it to undo."})
final class RemoveCommand extends GlobalOptions.Base {

    /** The most entries --unreadable reads: a buffer is capped at 10, and one far longer is read by peek. */
    static final int WHOLE_BUFFER = 1_000;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Parameters(index = "1", arity = "0..1", paramLabel = "INDEX", description = "The entry's index, as peek shows it.")
    Long index;

    @Option(names = "--unreadable", description = "Remove every entry the backend cannot read (it drops them on drain).")
    boolean unreadable;

    @Option(names = "--wrong-type", description = "Remove the key of another type where the session's buffer belongs"
            + " (the backend fails on it); backed up with DUMP, put back with RESTORE by import.")
    boolean wrongType;

    @CommandLine.Mixin
    SafetyOptions safety;

    @Override
    public Integer call() {
        SessionId id = GlobalOptions.session(session);
        if ((index != null ? 1 : 0) + (unreadable ? 1 : 0) + (wrongType ? 1 : 0) != 1) {
            throw new Cli.UsageException("give one of INDEX, --unreadable or --wrong-type");
        }
        if (index != null && index < 0) {
            throw new Cli.UsageException("INDEX must not be negative");
        }
        Output output = output();
        RemoveOutcome outcome;
        try (GlobalOptions.Connection redis = connect()) {
            Workspace ws = redis.ws;
            if (wrongType) {
                outcome = ws.write(new RemoveWrongType(buffer(ws, id)), confirmer(safety.yes));
            } else {
                BufferRef ref = buffer(ws, id);
                Remove remove = unreadable ? unreadable(ws, ref, id) : one(ws, ref, id, output);
                outcome = ws.write(remove, confirmer(safety.yes));
            }
        }
        if (output.json) {
            output.print(output.object().put("session", id.text()).put("index", outcome.index()).putPOJO("indices", outcome.indices())
                    .put("removed", outcome.removed()).put("remaining", outcome.remaining())
                    .put("backup", outcome.backup().map(Object::toString).orElse(null)));
        } else if (outcome.removed()) {
            output.out.println("Removed " + (wrongType ? "the key" : outcome.indices().size() == 1 ? "entry " + outcome.index()
                    : Workspace.entries(outcome.indices().size()) + " " + outcome.indices()) + "; " + outcome.remaining()
                    + " left." + outcome.backup().map(b -> " Backup: " + b).orElse(""));
        }
        if (!outcome.removed()) {
            throw new Cli.OperationFailed("the buffer changed since it was read; nothing was removed");
        }
        return Cli.OK;
    }

    private Remove one(Workspace ws, BufferRef ref, SessionId id, Output output) {
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
        return new Remove(ref, index, entry.raw(), !safety.noBackup);
    }

    private Remove unreadable(Workspace ws, BufferRef ref, SessionId id) {
        Inspection seen = ws.inspect(ref, 0, WHOLE_BUFFER);
        if (seen.page().length() > WHOLE_BUFFER) {
            throw new Cli.OperationFailed(Output.oneLine(id.text()) + " holds " + seen.page().length() + " entries; --unreadable"
                    + " reads at most " + WHOLE_BUFFER + " (remove them by index)");
        }
        return Remove.unreadable(seen, !safety.noBackup).orElseThrow(() -> new Cli.OperationFailed(
                Output.oneLine(id.text()) + " has no unreadable entry (" + Workspace.entries(seen.page().length()) + ", all readable)"));
    }
}
