package dev.pendingconsole.ui.common;

import dev.pendingconsole.ops.write.Confirmer;
import dev.pendingconsole.ops.write.Write;
import dev.pendingconsole.ops.write.WriteRefused;
import dev.pendingconsole.ops.Workspace;

import java.util.function.Consumer;

/**
 * The console's side of the write door: sends a {@link Write} through it on a worker (the door plans it,
 * and the {@link Confirmer} shows its question on the FX thread meanwhile), then hands the outcome to the
 * FX thread; a "no" or a refusal becomes a notice. Every console write goes through here.
 */
public final class WriteRunner {

    private final Workspace workspace;
    private final Background background;
    private final Confirmer confirmer;
    private final Consumer<Notice> notices;

    public WriteRunner(Workspace workspace, Background background, Confirmer confirmer, Consumer<Notice> notices) {
        this.workspace = workspace;
        this.background = background;
        this.confirmer = confirmer;
        this.notices = notices;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Background background() {
        return background;
    }

    /** Sends {@code write} through the door on a worker; {@code done} gets the outcome on the FX thread. */
    public <R> void run(String what, Write<R> write, Consumer<R> done) {
        run(what, write, done, () -> { });
    }

    /** As above; {@code after} runs on the FX thread whatever happened. */
    public <R> void run(String what, Write<R> write, Consumer<R> done, Runnable after) {
        background.run(() -> workspace.write(write, confirmer), outcome -> {
            after.run();
            done.accept(outcome);
        }, failure -> {
            after.run();
            if (failure instanceof WriteRefused refused && refused.declined()) {
                notices.accept(Notice.info(what + " cancelled: nothing was changed."));
            } else {
                notices.accept(Notice.error(what + " failed: " + Notice.describe(failure)));
            }
        });
    }
}
