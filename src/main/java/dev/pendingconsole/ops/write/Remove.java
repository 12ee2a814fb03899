package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.RemoveOutcome;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.redis.LuaScript;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removing entries named by identity (each its index and its exact bytes), only if every one of those
 * indices still holds those bytes: all of them in one atomic script, or none. Refused at planning when one
 * no longer does. Undo: {@link Restore#undo} puts each back at its index.
 *
 * @param ref the buffer
 * @param entries the entries as they were read, in index order
 * @param backup whether to save them first
 */
public record Remove(BufferRef ref, List<At> entries, boolean backup) implements Write<RemoveOutcome> {

    private static final LuaScript REMOVE_AT = LuaScript.load("remove_at");

    /** An entry as it was read: its index, its bytes. */
    public record At(long index, RawPayload bytes) {
    }

    public Remove {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to remove");
        }
        entries = entries.stream().sorted(Comparator.comparingLong(At::index)).toList();
    }

    /** One entry. */
    public Remove(BufferRef ref, long index, RawPayload expected, boolean backup) {
        this(ref, List.of(new At(index, expected)), backup);
    }

    /**
     * The entries of {@code seen} the backend cannot read (it drops them on drain); {@code seen} must be the
     * whole buffer. Empty when every entry is readable.
     */
    public static Optional<Remove> unreadable(Inspection seen, boolean backup) {
        if (!seen.isWhole()) {
            throw new IllegalArgumentException("removing the unreadable entries needs the whole buffer read, not a page");
        }
        List<At> bad = new ArrayList<>();
        for (int i = 0; i < seen.page().entries().size(); i++) {
            BufferEntry e = seen.page().entries().get(i);
            if (e instanceof BufferEntry.Invalid) {
                bad.add(new At(seen.page().indexOf(i), e.raw()));
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of(new Remove(seen.ref(), bad, backup));
    }

    @Override
    public WritePlan<RemoveOutcome> plan(Writes w) {
        byte[] key = ref.key(w.schema);
        long last = entries.get(entries.size() - 1).index();
        List<byte[]> now = w.redis.read(r -> r.lrange(key, entries.get(0).index(), last));
        List<String> details = new ArrayList<>();
        long bytes = 0;
        for (At at : entries) {
            int i = (int) (at.index() - entries.get(0).index());
            if (i >= now.size() || !Arrays.equals(now.get(i), at.bytes().bytes())) {
                throw new WriteRefused("entry " + at.index() + " of " + ref.keyText(w.schema) + " is no longer the message"
                        + " that was shown: nothing was changed; look at the buffer again", false);
            }
            Previews.describe(List.of(ref.generation().codec(w.schema).decode(at.bytes().bytes())), at.index(), details);
            bytes += at.bytes().size();
        }
        String what = "Remove " + (entries.size() == 1 ? "entry " + entries.get(0).index()
                : Workspace.entries(entries.size()) + " (" + indices() + ")") + " (" + bytes + " bytes) of "
                + ref.keyText(w.schema) + (backup ? "" : "; NO backup");
        return WritePlan.of(WritePlan.Kind.REMOVE, List.of(ref), ref.session().text(), "session id").summary(what)
                .details(details).removes(entries.size(), bytes).backsUp(backup).run(() -> remove(w));
    }

    private List<Long> indices() {
        return entries.stream().map(At::index).toList();
    }

    private RemoveOutcome remove(Writes w) {
        byte[] key = ref.key(w.schema);
        Path file = null;
        if (backup) {
            Instant now = Instant.now();
            Optional<Duration> ttl = w.ttl(key);
            file = w.backup("remove", ref.session().text(),
                    entries.stream().map(at -> new BackupEntry(key, at.index(), at.bytes(), ttl, now)).toList());
        }
        byte[][] args = new byte[1 + 2 * entries.size()][];
        args[0] = Writes.tombstone();
        for (int i = 0; i < entries.size(); i++) {
            args[1 + 2 * i] = Writes.ascii(entries.get(i).index());
            args[2 + 2 * i] = entries.get(i).bytes().bytes();
        }
        List<Long> reply;
        try {
            reply = w.script("remove " + Workspace.entries(entries.size()) + " of " + ref.session(), REMOVE_AT,
                    new byte[][] {key}, args);
        } catch (RedisFailure e) {
            throw w.cutOff(e, "remove", ref, Map.of("entries", (long) entries.size()), file);
        }
        boolean removed = reply.get(0) > 0;
        if (removed) {
            file = Writes.confirmed(file);
        } else {
            Writes.deleteQuietly(file);
            file = null;
        }
        w.record("remove", ref, Map.of("index", entries.get(0).index(), "removed", reply.get(0), "remaining", reply.get(1)),
                file, removed ? "done" : "changed since it was read: nothing removed");
        return new RemoveOutcome(ref, indices(), removed, reply.get(1), Optional.ofNullable(file));
    }
}
