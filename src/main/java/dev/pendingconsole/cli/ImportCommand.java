package dev.pendingconsole.cli;

import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.ops.RestoreOutcome;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Restore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "import",
        footer = {"", "Examples:", "  pending import drained.jsonl", "  pending import backup.jsonl --to-another-server --confirm 10.0.0.5:6379"}, description = {"Restore a backup or export file, putting its entries back where they were.", "That is at the head, in their original order, or at their index, atomically per buffer, with"
            + " the TTL they had.", "Entries already there are skipped, so importing twice changes nothing. A file taken on another"
            + " server is refused unless --to-another-server; one that cannot be fully read restores nothing."})
final class ImportCommand extends GlobalOptions.Base {

    @Parameters(index = "0", paramLabel = "FILE", description = "A backup or export (JSON Lines).")
    Path file;

    @CommandLine.Option(names = "--to-another-server",
            description = "Restore a file that was taken on another server (or does not say where) into this one.")
    boolean toAnotherServer;

    @CommandLine.Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() {
        Output output = output();
        RestoreOutcome outcome;
        if (!Files.isRegularFile(file)) { // before connecting: the file is the first thing that can be wrong
            throw new BackupFile.Unreadable("cannot read " + file + ": "
                    + (Files.isDirectory(file) ? "it is a folder" : "no such file"));
        }
        try (GlobalOptions.Connection redis = connect()) {
            outcome = redis.ws.write(Restore.of(file, toAnotherServer), confirmer(yes));
        }
        if (output.json) {
            ArrayNode array = output.array();
            outcome.buffers().forEach(b -> array.addObject().put("key", b.key()).put("restored", b.entries())
                    .put("already_there", b.skipped()).put("length", b.length()).put("over_cap", b.overCap()));
            output.print(output.object().put("entries", outcome.entries()).put("already_there", outcome.skipped())
                    .set("buffers", array));
        } else {
            int buffers = outcome.buffers().size();
            output.out.println("Restored " + Workspace.entries(outcome.entries()) + " into " + buffers
                    + (buffers == 1 ? " buffer" : " buffers") + (outcome.skipped() > 0 ? "; " + outcome.skipped()
                    + (outcome.skipped() == 1 ? " was" : " were") + " already there and skipped" : "") + ".");
            outcome.buffers().stream().filter(RestoreOutcome.Restored::overCap).forEach(b -> output.out.println(
                    "  " + Output.oneLine(b.key()) + " now holds " + b.length()
                            + " entries, over the cap: the next push will trim the oldest."));
        }
        return Cli.OK;
    }
}
