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
 * if its head is still what was read. One confirmation (on production the number of buffers is typed),
 * one backup file holding exactly what was removed (see {@link BulkRun}), an audit line per buffer.
 *
 * @param chosen the buffers as the scan showed them
 * @param backup whether to save what is removed first
 */
public record ClearMany(List<BufferSummary> chosen, boolean backup) implements Write<BulkClearOutcome> {

    public ClearMany {
        chosen = List.copyOf(chosen);
    }

    @Override
    public WritePlan<BulkClearOutcome> plan(Writes w) {
        List<Inspection> seen = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<String> changed = new ArrayList<>();
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
                details.add(now.ref().keyText(w.schema) + ": " + Workspace.entries(n) + " (" + size + " bytes)"
                        + (beyond > 0 ? ", " + beyond + " beyond the first page stay" : ""));
            }
        }
        WritePlan.Builder plan = WritePlan.of(WritePlan.Kind.CLEAR_MANY, seen.stream().map(Inspection::ref).toList(),
                Integer.toString(seen.size()), "number of buffers")
                .summary("Clear " + Workspace.count(seen.size(), "buffer", "buffers") + ", " + Workspace.entries(entries)
                        + ", " + Workspace.size(bytes) + (backup ? "" : "; NO backup"))
                .details(Previews.cut(details, "buffers")).removes(entries, bytes).backsUp(backup && entries > 0);
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
