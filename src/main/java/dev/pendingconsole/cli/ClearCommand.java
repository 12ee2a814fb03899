package dev.pendingconsole.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.WritePlan;
import dev.pendingconsole.ops.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "clear", description = {"Remove the messages of one or more sessions, safely.",
        "Exactly the entries read here are removed, and only if they are still the head of the list; anything pushed since stays.",
        "Each clear shows what it removes and asks (or needs --yes); a backup is written first unless --no-backup."})
final class ClearCommand extends GlobalOptions.Base {

    @Parameters(arity = "1..*", paramLabel = "SESSION", description = "Session ids, used literally.")
    List<String> sessions;

    @picocli.CommandLine.Mixin
    SafetyOptions safety;

    @Override
    public Integer call() {
        Output output = output();
        List<ClearOutcome> outcomes = new ArrayList<>();
        try (GlobalOptions.Connection redis = connect()) {
            Workspace ws = redis.ws;
            for (String s : sessions) {
                SessionId id = GlobalOptions.session(s);
                Inspection seen = ws.inspect(buffer(ws, id), 0, Workspace.MAX_PAGE);
                if (!output.json) {
                    long len = seen.page().length();
                    output.out.println(Output.oneLine(id.text()) + ": " + len + " pending"
                            + (len > seen.page().entries().size()
                            ? " (only the first " + seen.page().entries().size() + " are cleared)" : ""));
                }
                WritePlan<ClearOutcome> plan = ws.planClear(seen, !safety.noBackup);
                outcomes.add(ws.execute(plan, confirmer(safety.yes)));
            }
        }
        boolean changed = outcomes.stream().anyMatch(o -> o.status() == ClearOutcome.Status.CHANGED);
        if (output.json) {
            ArrayNode array = output.array();
            for (ClearOutcome o : outcomes) {
                ObjectNode node = array.addObject();
                node.put("session", o.ref().session().text());
                node.put("status", o.status().name().toLowerCase());
                node.put("removed", o.removed());
                node.put("remaining", o.remaining());
                node.put("backup", o.backup().map(Object::toString).orElse(null));
            }
            output.print(array);
        } else {
            for (ClearOutcome o : outcomes) {
                String id = Output.oneLine(o.ref().session().text());
                switch (o.status()) {
                    case CLEARED -> output.out.println("Cleared " + o.removed() + " from " + id + "; " + o.remaining()
                            + " left." + o.backup().map(b -> " Backup: " + b).orElse(""));
                    case NOTHING -> output.out.println("Nothing to clear for " + id + ".");
                    case CHANGED -> output.err.println("Not cleared: " + id + " changed since it was read "
                            + "(a drain or another operator got there first). Nothing was removed; run again to see it now.");
                }
            }
        }
        if (changed) {
            throw new Cli.OperationFailed("some buffers changed before they could be cleared; nothing was removed from them");
        }
        // a session with nothing to clear is nothing to act on
        return outcomes.stream().anyMatch(o -> o.status() == ClearOutcome.Status.NOTHING) ? Cli.FAILED : Cli.OK;
    }
}
