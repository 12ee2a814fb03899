package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.NoSuchBuffer;
import dev.pendingconsole.ops.RemoveOutcome;
import dev.pendingconsole.redis.LuaScript;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removing a key of another type that sits where a session's buffer belongs (the backend's RPUSH and LPOP
 * fail on it): its whole value is backed up as DUMP serialises it, then deleted only if DUMP still gives
 * those bytes. Undo: {@link Restore#undo} puts it back with RESTORE, never over a key that exists again.
 * A backup line for such a key has the index {@link #WHOLE_KEY}.
 *
 * @param ref where the buffer belongs
 */
public record RemoveWrongType(BufferRef ref) implements Write<RemoveOutcome> {

    /** The index of a backup line that holds a whole key's DUMP, not a list entry. */
    public static final long WHOLE_KEY = -1;

    private static final LuaScript DELETE_IF_DUMP = LuaScript.load("delete_if_dump");

    @Override
    public WritePlan<RemoveOutcome> plan(Writes w) {
        byte[] key = ref.key(w.schema);
        String type = w.redis.read(r -> r.type(key));
        if ("none".equals(type)) {
            throw new NoSuchBuffer("there is no key " + ref.keyText(w.schema) + ": nothing to remove");
        }
        if ("list".equals(type)) {
            throw new WriteRefused(ref.keyText(w.schema) + " is a list, a buffer: clear or remove its entries instead;"
                    + " nothing was changed", false);
        }
        byte[] dump = w.redis.read(r -> r.dump(key));
        String what = "Remove the " + type + " at " + ref.keyText(w.schema) + " (" + dump.length + " bytes as DUMP"
                + " serialises it), where the session's buffer belongs: the backend's push and drain fail on it";
        return WritePlan.of(WritePlan.Kind.REMOVE_KEY, List.of(ref), ref.session().text(), "session id").summary(what)
                .removes(1, dump.length).backsUp(true).run(() -> remove(w, key, dump));
    }

    private RemoveOutcome remove(Writes w, byte[] key, byte[] dump) {
        Path file = w.backup("remove-key", ref.session().text(),
                List.of(new BackupEntry(key, WHOLE_KEY, RawPayload.of(dump), w.ttl(key), Instant.now())));
        List<Long> reply;
        try {
            reply = w.script("remove key " + ref.session(), DELETE_IF_DUMP, new byte[][] {key}, dump);
        } catch (RedisFailure e) {
            throw w.cutOff(e, "remove-key", ref, Map.of("bytes", (long) dump.length), file);
        }
        boolean removed = reply.get(0) == 1;
        if (removed) {
            file = Writes.confirmed(file);
        } else {
            Writes.deleteQuietly(file);
            file = null;
        }
        w.record("remove-key", ref, Map.of("removed", reply.get(0), "bytes", (long) dump.length), file,
                removed ? "done" : "changed since it was read: nothing removed");
        return new RemoveOutcome(ref, List.of(WHOLE_KEY), removed, 0, Optional.ofNullable(file));
    }
}
