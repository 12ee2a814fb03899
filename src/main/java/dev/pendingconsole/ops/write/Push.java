package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.BackendGeneration;
import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.PushOutcome;
import dev.pendingconsole.ops.Workspace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Pushing a message {@code times} times, {@code everyMillis} apart, with the backend's writes and
 * notify, each push only onto the buffer as planned (see {@link PushRun}). The oldest entries it evicts
 * are listed in the plan and backed up first. Undo: {@link UndoPush}.
 *
 * @param ref the buffer
 * @param message what to push; today's backend gives every push its own id and time
 * @param times how many pushes (at least 1)
 * @param everyMillis the pause between two pushes
 * @param onlyIfRunning push only while the session's turn is running, as today's HTTP route does
 * @param stop read before every push: once true, nothing more is sent
 * @param progress hears how many pushes landed
 */
public record Push(BufferRef ref, PendingMessage message, int times, long everyMillis, boolean onlyIfRunning,
                   BooleanSupplier stop, IntConsumer progress) implements Write<PushOutcome> {

    public Push {
        if (times < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, was " + times);
        }
    }

    /** One push, as the CLI makes it. */
    public static Push once(BufferRef ref, PendingMessage message, boolean onlyIfRunning) {
        return new Push(ref, message, 1, 0, onlyIfRunning, () -> false, n -> { });
    }

    @Override
    public WritePlan<PushOutcome> plan(Writes w) {
        BackendGeneration generation = ref.generation();
        byte[] payload = generation.encode(generation.check(message), Instant.now());
        long length = w.reads.count(ref);
        int cap = w.schema.cap();
        int evicts = (int) Math.min(length, Math.max(0, length + times - cap));
        if (evicts > Workspace.MAX_PAGE) {
            throw new WriteRefused(ref.keyText(w.schema) + " holds " + length + " entries, far over the cap of " + cap
                    + ": a push would evict " + evicts + " of them; clear it first. Nothing was changed", false);
        }
        List<BufferEntry> evicted = evicts == 0 ? List.of() : w.reads.inspect(ref, 0, evicts).page().entries();
        List<String> details = new ArrayList<>();
        long bytes = Previews.describe(evicted, 0, details);
        long after = Math.min(cap, length + times); // each push trims to the cap, an over-cap list included
        String what = (times == 1 ? "Push 1 message (" + payload.length + " bytes)" : "Push " + times + " messages ("
                + payload.length + " bytes each" + (everyMillis > 0 ? ", one every " + everyMillis + " ms" : "") + ")")
                + " to " + ref.keyText(w.schema) + " (" + generation.label() + " backend)"
                + (onlyIfRunning ? ", only while its turn is running" : "") + "; " + length + "/" + cap + " pending now, "
                + after + " after";
        WritePlan.Builder plan = WritePlan.of(WritePlan.Kind.PUSH, List.of(ref), ref.session().text(), "session id")
                .summary(what).details(details).adds(times).removes(evicts, bytes).backsUp(evicts > 0);
        if (evicts > 0) {
            plan.warn("the buffer is full: this evicts the oldest " + Workspace.entries(evicts) + " (listed above, backed up first)");
        }
        if (times > cap) {
            plan.warn((times - cap) + " of the pushed messages will themselves be evicted by later ones");
        }
        List<byte[]> head = evicted.stream().map(e -> e.raw().bytes()).toList();
        return plan.run(() -> new PushRun(w, this, payload, length, head).run());
    }
}
