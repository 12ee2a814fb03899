package dev.pendingconsole.ops.write;

import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.BulkClearOutcome;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.Workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * Clearing many buffers chosen from a scan (a filter, a multi-selection), each as {@link Clear} clears
 * one: read again when planned, skipped when its length is no longer what the scan saw, and removed only
 * if its head is still what was read. Buffers idle only by an age estimated from their TTL (the seed's
 * entries carry no time) are listed apart, after the others, so that nobody sweeps them unawares. One confirmation (on production the number of buffers is typed),
 * one backup file holding exactly what was removed (see {@link BulkRun}), an audit line per buffer.
 *
 * @param chosen the buffers as the scan showed them
 * @param backup whether to save what is removed first
 */
public record ClearMany(List<BufferSummary> chosen, boolean backup) implements Write<BulkClearOutcome> {

    public ClearMany {
        chosen = chosen.stream().filter(b -> !b.wrongType()).toList(); // not a list: nothing to clear from the head
    }

    @Override
    public WritePlan<BulkClearOutcome> plan(Writes w) {
        List<Inspection> seen = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> estimated = new ArrayList<>();
        int entries = 0;
        long bytes = 0;
        for (BufferSummary b : chosen) {
            Inspection now = w.reads.inspect(b.ref(), 0, Workspace.MAX_PAGE);
            if (now.page().length() != b.length()) {
                changed.add(b.session().text());
            } else if (!now.page().entries().isEmpty()) {
                seen.add(now);
                int n = now.page().entries().size();
                long size = w.entriesOf(now).stream().mapToLong(e -> e.raw().size()).sum();
                entries += n;
                bytes += size;
                long beyond = now.page().length() - n;
                String line = now.ref().keyText(w.schema) + ": " + Workspace.entries(n) + " (" + size + " bytes)"
                        + (beyond > 0 ? ", " + beyond + " beyond the first page stay" : "");
                if (b.idleByEstimate()) {
                    estimated.add(line + ", last push " + now.lastPushText(true));
                } else {
                    details.add(line);
                }
            }
        }
        List<String> shown = new ArrayList<>(Previews.cut(details, "buffers"));
        if (!estimated.isEmpty()) { // apart, and never cut off by the others
            shown.add("idle only by an age estimated from the TTL (\u2248; a TTL set by hand or a restore falsifies it):");
            Previews.cut(estimated, "buffers").forEach(line -> shown.add("  " + line));
        }
        WritePlan.Builder plan = WritePlan.of(WritePlan.Kind.CLEAR_MANY, seen.stream().map(Inspection::ref).toList(),
                Integer.toString(seen.size()), "number of buffers")
                .summary("Clear " + Workspace.count(seen.size(), "buffer", "buffers") + ", " + Workspace.entries(entries)
                        + ", " + Workspace.size(bytes) + (backup ? "" : "; NO backup"))
                .details(shown).removes(entries, bytes).backsUp(backup && entries > 0);
        if (!estimated.isEmpty()) {
            plan.warn(Workspace.count(estimated.size(), "buffer is", "buffers are") + " idle only by an age estimated"
                    + " from the TTL (listed last); they are cleared too");
        }
        if (!changed.isEmpty()) {
            plan.warn(Workspace.count(changed.size(), "buffer changed", "buffers changed") + " since the scan and will be"
                    + " skipped: " + String.join(", ", changed.subList(0, Math.min(5, changed.size())))
                    + (changed.size() > 5 ? ", ..." : ""));
        }
        return plan.run(() -> new BulkRun(w, seen).run(backup));
    }

    /** Every entry the backup of these buffers holds. */
    static List<BackupEntry> entriesOf(Writes w, List<Inspection> buffers) {
        List<BackupEntry> all = new ArrayList<>();
        buffers.forEach(s -> all.addAll(w.entriesOf(s)));
        return all;
    }
}
