package dev.pendingconsole.ui.common;

import dev.pendingconsole.ops.Confirmer;
import dev.pendingconsole.ops.WritePlan;
import dev.pendingconsole.ops.WriteRefused;
import dev.pendingconsole.ops.Workspace;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The console's side of the write door: plans and executes a write on a worker (the {@link Confirmer}
 * shows its dialog on the FX thread meanwhile), then hands the outcome to the FX thread; a "no" or a
 * refusal becomes a notice. Every console write goes through here.
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

    /** Plans with {@code plan} and executes; {@code done} gets the outcome on the FX thread. */
    public <R> void run(String what, Callable<WritePlan<R>> plan, Consumer<R> done) {
        run(what, plan, done, () -> { });
    }

    /** As above; {@code after} runs on the FX thread whatever happened. */
    public <R> void run(String what, Callable<WritePlan<R>> plan, Consumer<R> done, Runnable after) {
        background.run(() -> workspace.execute(plan.call(), confirmer), outcome -> {
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
