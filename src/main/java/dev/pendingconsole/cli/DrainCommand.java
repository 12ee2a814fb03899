package dev.pendingconsole.cli;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.DrainResult;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.DrainOutcome;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Drain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "drain",
        footer = {"", "Examples:", "  pending drain demo-healthy-1", "  pending drain demo-healthy-3 --out drained.jsonl --yes"}, description = {"Pop up to the cap's worth of messages, oldest first, as the backend's executor does.", "After that they are gone from Redis. Exactly the entries read are removed, and only if they"
            + " are still the head of the list; what was popped is saved to a backup first unless"
            + " --no-backup. Entries the backend cannot parse are printed on stderr with their exact bytes."
            + " With --out, the entries are written to FILE (which must not exist) and to the backup, then"
            + " removed."})
final class DrainCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Option(names = "--out", paramLabel = "FILE", description = "Drain to this new JSON Lines file (import restores it).")
    Path out;

    @CommandLine.Mixin
    SafetyOptions safety;

    @Override
    public Integer call() {
        SessionId id = GlobalOptions.session(session);
        if (out != null && safety.noBackup) {
            throw new Cli.UsageException("--out always writes a backup as well; --no-backup does not go with it");
        }
        Output output = output();
        DrainOutcome outcome;
        try (GlobalOptions.Connection redis = connect()) {
            Workspace ws = redis.ws;
            outcome = ws.write(new Drain(buffer(ws, id), Optional.ofNullable(out), !safety.noBackup), confirmer(safety.yes));
        }
        if (outcome.status() == ClearOutcome.Status.CHANGED) {
            throw new Cli.OperationFailed(Output.oneLine(id.text()) + " changed between reading it and draining it;"
                    + " nothing was removed and no file was kept; run again");
        }
        return out != null ? printDrainedToFile(id, outcome, output) : printDrained(id, outcome, output);
    }

    private int printDrained(SessionId id, DrainOutcome outcome, Output output) {
        DrainResult result = outcome.result();
        for (BufferEntry.Invalid dropped : result.dropped()) {
            output.warnDropped("dropped an entry the backend cannot read", dropped);
        }
        if (output.json) {
            ObjectNode node = output.object().put("session", id.text()).put("drained", result.popped().size())
                    .put("dropped", result.dropped().size()).put("remaining", outcome.remaining())
                    .put("backup", outcome.backup().map(Object::toString).orElse(null));
            ArrayNode array = node.putArray("messages");
            result.messages().forEach(m -> array.add(Output.messageJson(m)));
            output.print(node);
        } else if (!result.popped().isEmpty()) {
            output.out.println("Drained " + Workspace.count(result.messages().size(), "message", "messages")
                    + " from " + Output.oneLine(id.text()) + ", oldest first:");
            int n = 1;
            for (BufferEntry.Valid m : result.messages()) {
                output.out.println();
                output.out.println("--- " + n++ + " (as the model sees it) ---");
                output.out.println(m.message().modelView());
            }
            outcome.backup().ifPresent(b -> output.out.println("\nBackup: " + b));
        }
        if (result.popped().isEmpty()) {
            throw new Cli.OperationFailed("nothing to drain for " + Output.oneLine(id.text())); // nothing to act on
        }
        return Cli.OK;
    }

    private int printDrainedToFile(SessionId id, DrainOutcome outcome, Output output) {
        int drained = outcome.result().popped().size();
        if (output.json) {
            output.print(output.object().put("session", id.text()).put("status", outcome.status().name().toLowerCase())
                    .put("drained", drained).put("remaining", outcome.remaining())
                    .put("file", outcome.status() == ClearOutcome.Status.CLEARED ? out.toString() : null)
                    .put("backup", outcome.backup().map(Object::toString).orElse(null)));
        } else if (outcome.status() == ClearOutcome.Status.CLEARED) {
            output.out.println("Drained " + Workspace.entries(drained) + " of " + Output.oneLine(id.text()) + " to " + out
                    + "; " + outcome.remaining() + " left." + outcome.backup().map(b -> " Backup: " + b).orElse(""));
        }
        if (outcome.status() != ClearOutcome.Status.CLEARED) {
            throw new Cli.OperationFailed("nothing to drain for " + Output.oneLine(id.text()) + "; no file was written");
        }
        return Cli.OK;
    }
}
