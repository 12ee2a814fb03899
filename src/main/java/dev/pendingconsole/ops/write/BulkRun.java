package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.BulkClearOutcome;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.Inspection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a {@link ClearMany}. The backup of every planned buffer is written first, under an
 * "unconfirmed" name; after the scripts it is cut down to the buffers whose head was really removed (and
 * the one whose reply was lost, if any), because a buffer skipped as changed must never come back on
 * Undo: its head may have been drained by the backend meanwhile. Audit lines name the final file.
 */
final class BulkRun {

    private final Writes w;
    private final List<Inspection> seen;

    BulkRun(Writes w, List<Inspection> seen) {
        this.w = w;
        this.seen = seen;
    }

    BulkClearOutcome run(boolean backup) {
        Path planned = backup && !seen.isEmpty() ? w.backup("clear", seen.size() + "-buffers", ClearMany.entriesOf(w, seen)) : null;
        List<ClearOutcome> outcomes = new ArrayList<>();
        List<Inspection> removed = new ArrayList<>();
        Inspection unknown = null;
        String stoppedBy = null;
        for (Inspection s : seen) {
            List<Long> reply;
            try {
                reply = HeadRemoval.script(w, s, "clear");
            } catch (RedisFailure e) {
                stoppedBy = e.getMessage();
                unknown = e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN ? s : null;
                break;
            }
            BufferRef ref = s.ref();
            if (reply.get(0) == 1) {
                removed.add(s);
                outcomes.add(new ClearOutcome(ref, ClearOutcome.Status.CLEARED, reply.get(1).intValue(), reply.get(2), Optional.empty()));
            } else {
                outcomes.add(new ClearOutcome(ref, ClearOutcome.Status.CHANGED, 0, reply.get(2), Optional.empty()));
            }
        }
        Path file = keep(planned, removed, unknown);
        audit(outcomes, file, unknown, stoppedBy);
        Optional<Path> kept = Optional.ofNullable(file);
        List<ClearOutcome> named = outcomes.stream().map(o -> o.status() == ClearOutcome.Status.CLEARED
                ? new ClearOutcome(o.ref(), o.status(), o.removed(), o.remaining(), kept) : o).toList();
        return new BulkClearOutcome(named, kept, Optional.ofNullable(stoppedBy));
    }

    /** The backup of exactly what left Redis (or may have): the planned file itself when that is all of it. */
    private Path keep(Path planned, List<Inspection> removed, Inspection unknown) {
        if (planned == null) {
            return null;
        }
        List<Inspection> kept = new ArrayList<>(removed);
        if (unknown != null) {
            kept.add(unknown);
        }
        if (kept.isEmpty()) {
            Writes.deleteQuietly(planned);
            return null;
        }
        if (kept.size() == seen.size()) {
            return unknown == null ? Writes.confirmed(planned) : planned;
        }
        Path exact = w.backupPath("clear", kept.size() + "-buffers");
        Path file = BackupFile.write(unknown == null ? exact : Writes.unconfirmed(exact), ClearMany.entriesOf(w, kept),
                key -> BufferRef.fromKey(w.schema, key).map(r -> r.session().text()), w.origin());
        Writes.deleteQuietly(planned);
        return file;
    }

    private void audit(List<ClearOutcome> outcomes, Path file, Inspection unknown, String stoppedBy) {
        for (ClearOutcome o : outcomes) {
            if (o.status() == ClearOutcome.Status.CLEARED) {
                w.record("clear", o.ref(), Map.of("removed", (long) o.removed(), "remaining", o.remaining()), file, "done");
            } else {
                w.record("clear", o.ref(), Map.of("removed", 0L, "length", o.remaining()), null,
                        "changed since it was read: nothing removed");
            }
        }
        if (stoppedBy != null) {
            Inspection at = seen.get(outcomes.size());
            w.record("clear", at.ref(), Map.of("seen", (long) at.page().entries().size()), unknown == null ? null : file,
                    unknown == null ? "failed: " + stoppedBy : "outcome unknown");
        }
    }
}
