package dev.pendingconsole.ops.write;

import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.RestoreOutcome;
import dev.pendingconsole.ops.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restoring a backup or export: each buffer's entries go back where they were (see {@link Restorable}).
 * A file taken on another server (or one that does not say where) is refused unless
 * {@code toAnotherServer}; then the door has that server's address typed, in every face.
 *
 * @param file the backup or export
 * @param toAnotherServer the person means to restore another server's file here
 * @param undo it takes back a removal this tool just made (then no question off production)
 */
public record Restore(Path file, boolean toAnotherServer, boolean undo) implements Write<RestoreOutcome> {

    /** Undo of a clear, a remove or a drain: its backup, which this tool just wrote. */
    public static Restore undo(Path backup) {
        return new Restore(backup, false, true);
    }

    public static Restore of(Path file, boolean toAnotherServer) {
        return new Restore(file, toAnotherServer, false);
    }

    @Override
    public WritePlan<RestoreOutcome> plan(Writes w) {
        Restorable backup = Restorable.read(w, file);
        BackupOrigin here = w.origin();
        boolean elsewhere = backup.origin.map(o -> !o.sameServerAs(here)).orElse(true);
        String from = backup.origin.map(o -> "was taken on " + o.describe()).orElse("does not say which server it was taken on");
        if (elsewhere && !toAnotherServer) {
            throw new WriteRefused(file.getFileName() + " " + from + ", not on this server, " + here.describe()
                    + " (or the server was restarted since). Nothing was restored; to restore it here anyway, say so"
                    + " (CLI: --to-another-server; the console asks to type that server's address)", false);
        }
        List<String> details = new ArrayList<>();
        int adds = 0;
        for (Map.Entry<BufferRef, List<BackupEntry>> group : backup.buffers.entrySet()) {
            int there = backup.alreadyThere(group.getKey(), group.getValue());
            adds += group.getValue().size() - there;
            details.add(group.getKey().keyText(w.schema) + ": " + Workspace.entries(group.getValue().size())
                    + (there > 0 ? ", " + there + " already there (skipped)" : "")
                    + ", TTL " + Previews.ttl(group.getValue().get(0).ttl()));
        }
        List<BufferRef> targets = List.copyOf(backup.buffers.keySet());
        String token = targets.size() == 1 ? targets.get(0).session().text() : Integer.toString(backup.entries());
        String what = (undo ? "Undo: restore " : "Restore ") + Workspace.entries(backup.entries()) + " into "
                + (targets.size() == 1 ? targets.get(0).keyText(w.schema) : targets.size() + " buffers")
                + " from " + file.getFileName();
        WritePlan.Builder plan = WritePlan.of(WritePlan.Kind.RESTORE, targets, token,
                targets.size() == 1 ? "session id" : "number of entries")
                .summary(what).details(Previews.cut(details, "buffers")).adds(adds).changes().undo(undo && !elsewhere);
        if (elsewhere) {
            plan.warn("this file " + from + ", not on this server " + here.describe())
                    .foreign(backup.origin.map(BackupOrigin::address).orElse("unknown"));
        }
        return plan.run(backup::restore);
    }
}
