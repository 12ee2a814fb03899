package dev.pendingconsole.cli;

import dev.pendingconsole.core.SessionId;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.BulkClearOutcome;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Clear;
import dev.pendingconsole.ops.write.ClearMany;
import dev.pendingconsole.ops.write.WritePlan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

@Command(name = "clear",
        footer = {"", "Examples:", "  pending clear demo-healthy-2", "  pending clear --match 'demo-*' --stuck-reason idle --dry-run", "  pending clear --match 'demo-*' --stuck-reason idle --yes"}, description = {"Remove the messages of one or more sessions, safely.", "Exactly the entries read here are removed, and only if they are still the head of the list;"
            + " anything pushed since stays.", "Each clear shows what it removes and asks (or needs --yes); a backup is written first unless"
            + " --no-backup.", "With --match, --stuck, --stuck-reason or --grep instead of session ids, it clears every buffer"
            + " a scan finds that way, as one plan: one question, one backup file, an audit line per buffer;"
            + " --dry-run shows the plan only."})
final class ClearCommand extends GlobalOptions.Base {

    @Parameters(arity = "0..*", paramLabel = "SESSION", description = "Session ids, used literally.")
    List<String> sessions = new ArrayList<>();

    @CommandLine.Option(names = "--match", paramLabel = "GLOB", description = "Every buffer whose session matches this Redis glob.")
    String match;

    @CommandLine.Option(names = "--stuck", description = "Only stuck buffers.")
    boolean stuckOnly;

    @CommandLine.Option(names = "--stuck-reason", paramLabel = "REASON",
            description = "Only buffers stuck for this reason: idle, no-ttl, over-cap or unreadable (repeatable;"
            + " wrong-type keys are removed with remove --wrong-type).")
    List<String> stuckReasons = new ArrayList<>();

    @CommandLine.Option(names = "--grep", paramLabel = "TEXT", description = "Only buffers with a message containing TEXT (any case).")
    String grep;

    @CommandLine.Option(names = "--grep-regex", paramLabel = "REGEX", description = "As --grep, with a regular expression.")
    String grepRegex;

    @CommandLine.Mixin
    IdleOption idle;

    @CommandLine.Option(names = "--dry-run", description = "Show what would be cleared, and change nothing.")
    boolean dryRun;

    @CommandLine.Mixin
    SafetyOptions safety;

    @Override
    public Integer call() {
        boolean bulk = match != null || stuckOnly || !stuckReasons.isEmpty() || grep != null || grepRegex != null;
        if (bulk && !sessions.isEmpty()) {
            throw new Cli.UsageException("give session ids or a filter (--match, --stuck, --stuck-reason, --grep), not both");
        }
        if (!bulk && sessions.isEmpty()) {
            throw new Cli.UsageException("say what to clear: session ids, or a filter such as --match 'team-a-*' --stuck-reason idle");
        }
        if (dryRun && !bulk) {
            throw new Cli.UsageException("--dry-run goes with a filter (--match, --stuck, --stuck-reason, --grep)");
        }
        return bulk ? clearMatching() : clearSessions();
    }

    /** Every buffer the filters find, in one plan. */
    private int clearMatching() {
        Output output = output();
        SessionScan.Options options = ListCommand.filters(match, stuckReasons, grep, grepRegex, idle.minutes());
        try (GlobalOptions.Connection redis = connect()) {
            Workspace ws = redis.ws;
            List<BufferSummary> found = new ArrayList<>();
            ws.scan().run(options, page -> page.buffers().stream()
                    .filter(b -> !b.wrongType() && (!stuckOnly || b.isStuck()) && ListCommand.hasReason(b, stuckReasons))
                    .forEach(found::add), () -> false);
            if (found.isEmpty()) {
                throw new Cli.OperationFailed("no buffer matches: nothing to clear"); // nothing to act on
            }
            WritePlan<BulkClearOutcome> plan = ws.door().plan(new ClearMany(found, !safety.noBackup));
            if (dryRun) {
                if (output.json) {
                    ArrayNode targets = output.array();
                    plan.targets().forEach(r -> targets.add(r.session().text()));
                    ObjectNode node = output.object().put("dry_run", true).put("plan", plan.summary())
                            .put("buffers", plan.targets().size()).put("entries", plan.removes()).put("bytes", plan.bytes());
                    node.set("sessions", targets);
                    ArrayNode warnings = node.putArray("warnings");
                    plan.warnings().forEach(warnings::add);
                    output.print(node);
                } else {
                    output.out.println(plan.preview());
                    output.out.println("Dry run: nothing was changed.");
                }
                return Cli.OK;
            }
            BulkClearOutcome outcome = ws.door().execute(plan, confirmer(safety.yes));
            if (output.json) {
                ObjectNode node = output.object().put("cleared_buffers", outcome.cleared()).put("removed", outcome.removed())
                        .put("skipped", outcome.skipped()).put("backup", outcome.backup().map(Object::toString).orElse(null))
                        .put("stopped_by", outcome.stoppedBy().orElse(null));
                output.print(node);
            } else {
                output.out.println("Cleared " + Workspace.entries(outcome.removed()) + " from "
                        + Workspace.count(outcome.cleared(), "buffer", "buffers") + (outcome.skipped() > 0 ? "; "
                        + Workspace.count(outcome.skipped(), "buffer", "buffers") + " changed and skipped" : "") + "."
                        + outcome.backup().map(b -> " Backup: " + b + " (import it to undo)").orElse(""));
            }
            if (outcome.stoppedBy().isPresent()) {
                throw new Cli.OperationFailed("stopped part-way: " + outcome.stoppedBy().get()
                        + "; what was cleared before is in the backup");
            }
            if (outcome.cleared() == 0) {
                throw new Cli.OperationFailed("nothing was cleared: every buffer changed since the scan");
            }
            return Cli.OK;
        }
    }

    private int clearSessions() {
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
                outcomes.add(ws.write(new Clear(seen, !safety.noBackup), confirmer(safety.yes)));
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
                    case NOTHING -> { } // said on stderr below, as an error
                    case CHANGED -> output.err.println("Not cleared: " + id + " changed since it was read "
                            + "(a drain or another operator got there first). Nothing was removed; run again to see it now.");
                }
            }
        }
        if (changed) {
            throw new Cli.OperationFailed("some buffers changed before they could be cleared; nothing was removed from them");
        }
        // a session with nothing to clear is nothing to act on: exit 1, after clearing the others (said so)
        List<String> empty = outcomes.stream().filter(o -> o.status() == ClearOutcome.Status.NOTHING)
                .map(o -> Output.oneLine(o.ref().session().text())).toList();
        if (!empty.isEmpty()) {
            boolean others = outcomes.stream().anyMatch(o -> o.status() == ClearOutcome.Status.CLEARED);
            throw new Cli.OperationFailed("nothing to clear for " + String.join(", ", empty)
                    + (others ? " (the others were cleared)" : ""));
        }
        return Cli.OK;
    }
}
