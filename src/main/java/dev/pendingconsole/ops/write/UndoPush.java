package dev.pendingconsole.ops.write;

import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.PushOutcome;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.redis.LuaScript;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Taking back a push of this tool: removes the messages it pushed if they are still the last entries,
 * gives the buffer back the expiry it had before (the push refreshed it), then restores what it evicted
 * from its backup. Nothing happens when anything was pushed or drained since.
 *
 * @param pushed the outcome of the push to take back
 */
public record UndoPush(PushOutcome pushed) implements Write<ClearOutcome> {

    private static final LuaScript REMOVE_TAIL = LuaScript.load("remove_tail");

    @Override
    public WritePlan<ClearOutcome> plan(Writes w) {
        BufferRef ref = pushed.ref();
        List<byte[]> landed = pushed.payloads();
        List<byte[]> payloads = landed.subList(Math.max(0, landed.size() - w.schema.cap()), landed.size());
        String what = "Undo the push to " + ref.keyText(w.schema) + ": remove the " + Workspace.entries(payloads.size())
                + " it added, if still last" + (pushed.backup().isPresent()
                ? ", and restore the " + Workspace.entries(pushed.evicted()) + " it evicted" : "");
        return WritePlan.of(WritePlan.Kind.UNDO_PUSH, List.of(ref), ref.session().text(), "session id").summary(what)
                .adds((int) pushed.evicted()).removes(payloads.size(), 0).undo(true).run(() -> {
                    ClearOutcome removed = removeTail(w, ref, payloads);
                    if (removed.status() == ClearOutcome.Status.CLEARED && pushed.backup().isPresent()) {
                        Restorable.read(w, pushed.backup().get()).restore();
                    }
                    return removed;
                });
    }

    private ClearOutcome removeTail(Writes w, BufferRef ref, List<byte[]> payloads) {
        long ttl = pushed.expiredAt().map(at -> Math.max(1, Duration.between(Instant.now(), at).toMillis())).orElse(-1L);
        byte[][] args = new byte[payloads.size() + 1][];
        args[0] = Writes.ascii(ttl);
        for (int i = 0; i < payloads.size(); i++) {
            args[i + 1] = payloads.get(i);
        }
        List<Long> reply = w.script("undo push to " + ref.session(), REMOVE_TAIL, new byte[][] {ref.key(w.schema)}, args);
        boolean removed = reply.get(0) == 1;
        w.record("undo-push", ref, Map.of("removed", removed ? (long) payloads.size() : 0L, "remaining", reply.get(2)), null,
                removed ? "done" : "changed since the push: nothing removed");
        return new ClearOutcome(ref, removed ? ClearOutcome.Status.CLEARED : ClearOutcome.Status.CHANGED,
                removed ? payloads.size() : 0, reply.get(2), Optional.empty());
    }
}
