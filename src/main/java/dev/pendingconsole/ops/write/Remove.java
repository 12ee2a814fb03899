package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.RemoveOutcome;
import dev.pendingconsole.redis.LuaScript;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removing one entry, named by identity (its index and its exact bytes), only if that index still holds
 * those bytes. Refused at planning when it no longer does. Undo: {@link Restore#undo} puts it back at its index.
 *
 * @param ref the buffer
 * @param index the entry's index when it was read
 * @param expected the entry's bytes when it was read
 * @param backup whether to save it first
 */
public record Remove(BufferRef ref, long index, RawPayload expected, boolean backup) implements Write<RemoveOutcome> {

    private static final LuaScript REMOVE_AT = LuaScript.load("remove_at");

    @Override
    public WritePlan<RemoveOutcome> plan(Writes w) {
        byte[] now = w.redis.read(r -> r.lindex(ref.key(w.schema), index));
        if (now == null || !RawPayload.of(now).equals(expected)) {
            throw new WriteRefused("entry " + index + " of " + ref.keyText(w.schema) + " is no longer the message that was"
                    + " shown: nothing was changed; look at the buffer again", false);
        }
        List<String> details = new ArrayList<>();
        Previews.describe(List.of(ref.generation().codec(w.schema).decode(expected.bytes())), index, details);
        String what = "Remove entry " + index + " (" + expected.size() + " bytes) of " + ref.keyText(w.schema)
                + (backup ? "" : "; NO backup");
        return WritePlan.of(WritePlan.Kind.REMOVE, List.of(ref), ref.session().text(), "session id").summary(what)
                .details(details).removes(1, expected.size()).backsUp(backup).run(() -> remove(w));
    }

    private RemoveOutcome remove(Writes w) {
        byte[] key = ref.key(w.schema);
        Path file = backup ? w.backup("remove", ref.session().text(),
                List.of(new BackupEntry(key, index, expected, w.ttl(key), Instant.now()))) : null;
        List<Long> reply;
        try {
            reply = w.script("remove entry " + index + " of " + ref.session(), REMOVE_AT, new byte[][] {key},
                    Writes.ascii(index), expected.bytes(), Writes.tombstone());
        } catch (RedisFailure e) {
            throw w.cutOff(e, "remove", ref, Map.of("index", index), file);
        }
        boolean removed = reply.get(0) == 1;
        if (removed) {
            file = Writes.confirmed(file);
        } else {
            Writes.deleteQuietly(file);
            file = null;
        }
        w.record("remove", ref, Map.of("index", index, "removed", removed ? 1L : 0L, "remaining", reply.get(1)), file,
                removed ? "done" : "changed since it was read: nothing removed");
        return new RemoveOutcome(ref, index, removed, reply.get(1), Optional.ofNullable(file));
    }
}
