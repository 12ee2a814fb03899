package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.redis.LuaScript;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What clear, drain and drain-to-file share: remove exactly the entries a person saw, only if they are
 * still the head of the list, in one script; entries pushed since stay. The backup is written first under
 * an "unconfirmed" name, renamed once the script says it removed them, deleted when it did not.
 */
final class HeadRemoval {

    private static final LuaScript CLEAR_HEAD = LuaScript.load("clear_head");

    private HeadRemoval() {
    }

    /** {@code seen} again, read now: a plan is shown from what Redis holds, never from what a face remembers. */
    static Inspection fresh(Writes w, Inspection seen) {
        if (!seen.showsHead()) {
            throw new IllegalArgumentException("a clear acts on the head of a buffer; the page shown starts at "
                    + seen.page().offset());
        }
        Inspection now = w.reads.inspect(seen.ref(), 0, Math.max(1, seen.page().entries().size()));
        List<RawPayload> was = seen.raws();
        List<RawPayload> is = now.raws().subList(0, Math.min(was.size(), now.raws().size()));
        if (!is.equals(was)) {
            throw new WriteRefused(seen.ref().keyText(w.schema) + " changed since it was shown (now "
                    + Workspace.entries(now.page().length()) + "): nothing was changed; look at it again", false);
        }
        return seen;
    }

    /** Removes what {@code seen} showed, with a backup unless {@code backup} is false; audits as {@code action}. */
    static ClearOutcome remove(Writes w, Inspection seen, boolean backup, String action) {
        if (seen.page().entries().isEmpty()) {
            return new ClearOutcome(seen.ref(), ClearOutcome.Status.NOTHING, 0, seen.page().length(), Optional.empty());
        }
        Path file = backup ? w.backup(action, seen.ref().session().text(), w.entriesOf(seen)) : null;
        List<Long> reply = run(w, seen, file, action);
        if (reply.get(0) != 1) {
            Writes.deleteQuietly(file);
            return changed(w, seen, action, reply);
        }
        file = Writes.confirmed(file);
        w.record(action, seen.ref(), Map.of("removed", reply.get(1), "remaining", reply.get(2)), file, "done");
        return new ClearOutcome(seen.ref(), ClearOutcome.Status.CLEARED, reply.get(1).intValue(), reply.get(2),
                Optional.ofNullable(file));
    }

    /** The script alone; a failure is audited and says whether anything may have changed. */
    static List<Long> run(Writes w, Inspection seen, Path backup, String action) {
        try {
            return script(w, seen, action);
        } catch (RedisFailure e) {
            throw w.cutOff(e, action, seen.ref(), Map.of("seen", (long) seen.page().entries().size()), backup);
        }
    }

    /** {@code clear_head} over what {@code seen} showed: {1, removed, remaining} or {0, 0, length}. */
    static List<Long> script(Writes w, Inspection seen, String action) {
        byte[][] expected = seen.raws().stream().map(RawPayload::bytes).toArray(byte[][]::new);
        return w.script(action + " " + seen.ref().session(), CLEAR_HEAD, new byte[][] {seen.ref().key(w.schema)}, expected);
    }

    static ClearOutcome changed(Writes w, Inspection seen, String action, List<Long> reply) {
        w.record(action, seen.ref(), Map.of("seen", (long) seen.page().entries().size(), "removed", 0L,
                "length", reply.get(2)), null, "changed since it was read: nothing removed");
        return new ClearOutcome(seen.ref(), ClearOutcome.Status.CHANGED, 0, reply.get(2), Optional.empty());
    }
}
