package dev.pendingconsole.ui.inspector;

import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.RemoveOutcome;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ops.write.Announce;
import dev.pendingconsole.ops.write.Remove;
import dev.pendingconsole.ops.write.RemoveWrongType;
import dev.pendingconsole.ui.common.Notice;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The inspector's repairs of a stuck buffer, each a write through the door on the buffer the inspector
 * shows (and only while it is on screen): its unreadable entries, a key of another type where it belongs,
 * a wake-up notification that was lost. Like every inspector write, the buffer is read again after each.
 */
public final class InspectorRepairs {

    private final InspectorViewModel model;
    private final Consumer<Notice> notices;

    InspectorRepairs(InspectorViewModel model, Consumer<Notice> notices) {
        this.model = model;
        this.notices = notices;
    }

    /**
     * Removes every entry the backend cannot read, if each still holds what is shown (all or none; the whole
     * buffer must be on screen); offers Undo, which puts each back at its index.
     */
    public void removeUnreadable() {
        Inspection seen = model.inspectionProperty().get();
        BufferRef ref = model.bufferProperty().get();
        if (seen == null || ref == null || !model.seen("Remove unreadable")) {
            return;
        }
        if (!seen.isWhole()) {
            notices.accept(Notice.error("Only part of " + ref.session() + " is shown: remove its unreadable entries one"
                    + " by one, or with pending remove --unreadable."));
            return;
        }
        Optional<Remove> remove = Remove.unreadable(seen, true);
        if (remove.isEmpty()) {
            notices.accept(Notice.info("Every entry of " + ref.session() + " is readable."));
            return;
        }
        model.write("Remove unreadable", remove.get(), ref, (RemoveOutcome outcome) -> {
            if (outcome.removed()) {
                Path backup = outcome.backup().orElseThrow();
                notices.accept(Notice.withAction("Removed " + Workspace.entries(outcome.indices().size()) + " the backend"
                        + " cannot read from " + ref.session() + ".", "Undo", () -> model.undo(backup)));
            } else {
                notices.accept(Notice.error("Not removed: " + ref.session() + " changed since it was shown."));
            }
        });
    }

    /**
     * Removes the key of another type where the inspected session's buffer belongs, its value backed up with
     * DUMP and deleted only if unchanged; Undo puts it back with RESTORE.
     */
    public void removeKey() {
        BufferRef ref = model.bufferProperty().get();
        if (ref == null || !model.wrongTypeProperty().get() || !model.seen("Remove key")) {
            return;
        }
        model.write("Remove key", new RemoveWrongType(ref), ref, (RemoveOutcome outcome) -> {
            if (outcome.removed()) {
                model.wrongTypeProperty().set(false);
                Path backup = outcome.backup().orElseThrow();
                notices.accept(Notice.withAction("Removed the key where " + ref.session() + "'s buffer belongs; its value"
                        + " is in " + backup.getFileName() + ".", "Undo", () -> model.undo(backup)));
            } else {
                notices.accept(Notice.error("Not removed: the key at " + ref.session() + " changed since it was read."));
            }
        });
    }

    /** Sends the buffer's wake-up notification again (PUBLISH, or SPUBLISH for today's), through the door. */
    public void announce() {
        BufferRef ref = model.bufferProperty().get();
        if (ref == null || !model.seen("Announce")) {
            return;
        }
        model.write("Announce", new Announce(ref), ref, (Long heard) -> notices.accept(heard > 0
                ? Notice.info("Announced " + ref.session() + ": " + heard + " subscriber" + (heard == 1 ? "" : "s") + " heard it.")
                : Notice.error("Announced " + ref.session() + ", but no subscriber heard it: no backend process is"
                + " listening for this session now.")));
    }
}
