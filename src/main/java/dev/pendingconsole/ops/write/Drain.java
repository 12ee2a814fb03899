package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.DrainResult;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.DrainOutcome;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Draining what the backend's executor would: the first {@code cap} entries, read when planned, removed
 * only if still the head. With a file, they are written there first (it must not exist); a backup is then
 * always written too. Undo: {@link Restore#undo} of the backup.
 *
 * @param ref the buffer
 * @param toFile where the drained entries go, or empty
 * @param backup whether to save them first (always, with a file)
 */
public record Drain(BufferRef ref, Optional<Path> toFile, boolean backup) implements Write<DrainOutcome> {

    @Override
    public WritePlan<DrainOutcome> plan(Writes w) {
        toFile.ifPresent(out -> BackupFile.checkWritable(out, false));
        Inspection seen = w.reads.inspect(ref, 0, w.schema.cap());
        List<String> details = new ArrayList<>();
        long bytes = Previews.describe(seen.page().entries(), 0, details);
        int n = seen.page().entries().size();
        String what = "Drain " + Workspace.entries(n) + " (" + bytes + " bytes) of " + ref.keyText(w.schema)
                + toFile.map(f -> " to " + f).orElse("") + ": the first " + w.schema.cap() + ", as the backend does; "
                + (seen.page().length() - n) + " stay";
        boolean saved = backup || toFile.isPresent();
        WritePlan.Builder plan = WritePlan.of(toFile.isPresent() ? WritePlan.Kind.DRAIN_TO_FILE : WritePlan.Kind.DRAIN,
                List.of(ref), ref.session().text(), "session id").summary(what).details(details).removes(n, bytes)
                .backsUp(saved && n > 0);
        if (!saved) {
            plan.warn("no backup: once drained, these entries exist only in this output");
        }
        return plan.run(() -> drain(w, seen));
    }

    private DrainOutcome drain(Writes w, Inspection seen) {
        if (seen.page().entries().isEmpty()) {
            w.record("drain", ref, Map.of("drained", 0L, "dropped", 0L), null, "nothing to drain");
            return new DrainOutcome(ref, ClearOutcome.Status.NOTHING, new DrainResult(List.of()), Optional.empty(), 0);
        }
        String action = toFile.isPresent() ? "drain-to-file" : "drain";
        toFile.ifPresent(out -> BackupFile.write(out, w.entriesOf(seen), k -> Optional.of(ref.session().text()), w.origin()));
        ClearOutcome done;
        try {
            done = HeadRemoval.remove(w, seen, backup || toFile.isPresent(), action);
        } catch (RedisFailure e) {
            if (e.kind() != RedisFailure.Kind.OUTCOME_UNKNOWN) {
                toFile.ifPresent(Writes::deleteQuietly); // surely nothing was removed: the file would only mislead
            }
            throw e; // after a lost reply the file stays: it may be the entries' only copy
        } catch (RuntimeException e) {
            toFile.ifPresent(Writes::deleteQuietly);
            throw e;
        }
        if (done.status() == ClearOutcome.Status.CHANGED) {
            toFile.ifPresent(Writes::deleteQuietly);
        }
        DrainResult result = new DrainResult(done.status() == ClearOutcome.Status.CLEARED ? seen.page().entries() : List.of());
        return new DrainOutcome(ref, done.status(), result, done.backup(), done.remaining());
    }
}
