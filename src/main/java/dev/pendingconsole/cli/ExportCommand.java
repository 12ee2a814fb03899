package dev.pendingconsole.cli;

import dev.pendingconsole.ops.ExportOutcome;
import dev.pendingconsole.ops.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.BiConsumer;

@Command(name = "export",
        footer = {"", "Examples:", "  pending export --match 'demo-*' --out all.jsonl", "  pending export --out all.jsonl --force",
                "  pending export --out - | gzip > all.jsonl.gz"},
        description = {"Write every entry of the matching buffers to a new JSON Lines file, or to standard output.",
                "The exact bytes are kept; import restores them."})
final class ExportCommand extends GlobalOptions.Base {

    @Option(names = "--match", paramLabel = "GLOB", description = "Only sessions matching this Redis glob.")
    String match;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write: a new file in an existing folder, or - for standard output (then the summary"
                    + " goes to stderr).")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists (never done otherwise).")
    boolean force;

    @Override
    public Integer call() {
        Output output = output();
        boolean toStdout = "-".equals(out.toString());
        if (toStdout && output.json) {
            throw new Cli.UsageException("--json cannot go with --out -: standard output holds the export itself");
        }
        ExportOutcome outcome;
        try (GlobalOptions.Connection redis = connect()) {
            boolean terminal = System.console() != null && !output.json;
            long[] last = {0};
            BiConsumer<Integer, Integer> progress = (done, total) -> {
                long now = System.nanoTime();
                if (terminal && (now - last[0] > 500_000_000L || done.equals(total))) { // progress on a terminal
                    last[0] = now;
                    output.err.print("\rExporting: " + done + " of " + total + " buffers");
                    output.err.flush();
                }
            };
            outcome = toStdout ? redis.ws.export(match, output.out, "standard output", progress, () -> false)
                    : redis.ws.export(match, out, force, progress, () -> false);
            if (terminal) {
                output.err.println();
            }
        }
        if (toStdout && output.failed()) {
            throw new Cli.OperationFailed("standard output failed before the export ended (a closed pipe?): what went"
                    + " out lacks its end line, and import refuses it");
        }
        if (outcome.buffers() == 0) {
            throw new Cli.OperationFailed("no buffer matches" + (match == null ? "" : " '" + Output.oneLine(match) + "'")
                    + ": nothing to export, " + (toStdout ? "nothing was written" : "no file was written"));
        }
        String where = outcome.file().map(Path::toString).orElse("standard output");
        if (output.json) {
            output.print(output.object().put("file", where).put("buffers", outcome.buffers())
                    .put("entries", outcome.entries()));
        } else {
            (toStdout ? output.err : output.out).println("Exported " + Workspace.entries(outcome.entries()) + " of "
                    + Workspace.count(outcome.buffers(), "buffer", "buffers") + " to " + where + ".");
        }
        return Cli.OK;
    }
}
