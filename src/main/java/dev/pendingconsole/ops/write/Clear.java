package dev.pendingconsole.ops.write;

import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.Workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * Clearing exactly the entries a person was shown (from the head), if they are still there; entries
 * pushed since stay. Refused at planning when the head is no longer what was shown. Undo:
 * {@link Restore#undo} of its backup.
 *
 * @param seen the page the person looked at, read from Redis; it must start at the head
 * @param backup whether to save the entries first (the default everywhere; opting out is said in the plan)
 */
public record Clear(Inspection seen, boolean backup) implements Write<ClearOutcome> {

    @Override
    public WritePlan<ClearOutcome> plan(Writes w) {
        HeadRemoval.fresh(w, seen);
        List<String> details = new ArrayList<>();
        long bytes = Previews.describe(seen.page().entries(), 0, details);
        int n = seen.page().entries().size();
        long left = seen.page().length() - n;
        String what = "Clear " + Workspace.entries(n) + " (" + bytes + " bytes) of " + seen.ref().keyText(w.schema) + "; "
                + left + (left == 1 ? " stays" : " stay") + (backup ? "" : "; NO backup");
        return WritePlan.of(WritePlan.Kind.CLEAR, List.of(seen.ref()), seen.ref().session().text(), "session id")
                .summary(what).details(details).removes(n, bytes).backsUp(backup && n > 0)
                .run(() -> HeadRemoval.remove(w, seen, backup, "clear"));
    }
}
