package dev.pendingconsole.cli;

import dev.pendingconsole.ops.Workspace;

import dev.pendingconsole.ops.ExportOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "export",
        footer = {"", "Examples:", "  pending export --match 'demo-*' --out all.jsonl", "  pending export --out all.jsonl --force"}, description = {"Write every entry of the matching buffers to a new JSON Lines file.",
        "The exact bytes are kept; import restores them."})
final class ExportCommand extends GlobalOptions.Base {

    @Option(names = "--match", paramLabel = "GLOB", description = "Only sessions matching this Redis glob.")
    String match;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write: a new file in an existing folder.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists (never done otherwise).")
    boolean force;

    @Override
    public Integer call() {
        Output output = output();
        ExportOutcome outcome;
        try (GlobalOptions.Connection redis = connect()) {
            boolean terminal = System.console() != null && !output.json;
            long[] last = {0};
            outcome = redis.ws.export(match, out, force, (done, total) -> {
                long now = System.nanoTime();
                if (terminal && (now - last[0] > 500_000_000L || done.equals(total))) { // progress on a terminal
                    last[0] = now;
                    output.err.print("\rExporting: " + done + " of " + total + " buffers");
                    output.err.flush();
                }
            }, () -> false);
            if (terminal) {
                output.err.println();
            }
        }
        if (outcome.buffers() == 0) {
            throw new Cli.OperationFailed("no buffer matches" + (match == null ? "" : " '" + Output.oneLine(match) + "'")
                    + ": nothing to export, no file was written");
        }
        if (output.json) {
            output.print(output.object().put("file", outcome.file().toString()).put("buffers", outcome.buffers())
                    .put("entries", outcome.entries()));
        } else {
            output.out.println("Exported " + Workspace.entries(outcome.entries()) + " of "
                    + Workspace.count(outcome.buffers(), "buffer", "buffers") + " to " + outcome.file() + ".");
        }
        return Cli.OK;
    }
}
