package dev.pendingconsole.cli;

import dev.pendingconsole.local.AuditLog;
import dev.pendingconsole.local.DataDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** A session's history: the audit lines of every write on its buffer made from this machine. Touches no Redis. */
@Command(name = "history", description = "Show what was done to a session's buffer from this machine: who, when, what, where.",
        footer = {"", "Examples:", "  pending history demo-healthy-1", "  pending --json history demo-healthy-1"})
final class HistoryCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id, used literally.")
    String session;

    @Override
    public Integer call() {
        GlobalOptions.session(session); // a usage error for an id the backend would refuse
        DataDir data = DataDir.locate(root.env);
        List<JsonNode> lines = new AuditLog(data.auditLog(), "", "").history(session);
        Output output = output();
        if (output.json) {
            ArrayNode array = output.array();
            lines.forEach(array::add);
            output.print(array);
        } else if (lines.isEmpty()) {
            output.out.println("No write on " + Output.oneLine(session) + " was made from this machine (" + data.auditLog() + ").");
        } else {
            lines.forEach(l -> output.out.println(AuditLog.describe(l)));
        }
        return Cli.OK;
    }
}
