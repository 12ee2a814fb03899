package dev.pendingconsole.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pendingconsole.ops.RestoreOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "import", description = {"Restore a backup or export file: its entries go back at the head of their",
        "buffers in their original order, atomically per buffer, with the TTL re-applied. A file that cannot",
        "be fully read restores nothing."})
final class ImportCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "FILE", description = "A backup or export (JSON Lines).")
    Path file;

    @Override
    public Integer call() {
        Output output = output();
        RestoreOutcome outcome;
        try (GlobalOptions.Connection redis = connect()) {
            outcome = redis.ops.restore(file);
        }
        if (output.json) {
            ArrayNode array = output.array();
            outcome.buffers().forEach(b -> array.addObject().put("key", b.key()).put("restored", b.entries())
                    .put("length", b.length()).put("over_cap", b.overCap()));
            output.print(output.object().put("entries", outcome.entries()).set("buffers", array));
        } else {
            output.out.println("Restored " + outcome.entries() + " entries into " + outcome.buffers().size() + " buffers.");
            outcome.buffers().stream().filter(RestoreOutcome.Restored::overCap).forEach(b -> output.out.println(
                    "  " + Output.oneLine(b.key()) + " now holds " + b.length()
                            + " entries, over the cap: the next push will trim the oldest."));
        }
        return Cli.OK;
    }
}
