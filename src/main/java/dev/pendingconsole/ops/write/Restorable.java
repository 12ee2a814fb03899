package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.RestoreOutcome;
import dev.pendingconsole.redis.LuaScript;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backup or export read whole and grouped by buffer, and the one way it goes back: entries taken from
 * the head (a clear, a drain, an export) return to the head in their order, others (a removed entry) to
 * their index, atomically per buffer. Entries already there are skipped, so restoring twice changes
 * nothing the second time; the TTL each buffer had comes back, never shortening a longer one.
 */
final class Restorable {

    private static final LuaScript RESTORE_HEAD = LuaScript.load("restore_head");
    private static final LuaScript RESTORE_AT = LuaScript.load("restore_at");
    private static final LuaScript RESTORE_DUMP = LuaScript.load("restore_dump");

    final Path file;
    final Optional<BackupOrigin> origin;
    final Map<BufferRef, List<BackupEntry>> buffers;
    private final Writes w;

    private Restorable(Writes w, Path file, Optional<BackupOrigin> origin, Map<BufferRef, List<BackupEntry>> buffers) {
        this.w = w;
        this.file = file;
        this.origin = origin;
        this.buffers = buffers;
    }

    /** Reads {@code file}; one that cannot be fully read, or names a key that is not a buffer, restores nothing. */
    static Restorable read(Writes w, Path file) {
        BackupFile.Contents contents = BackupFile.read(file);
        Map<BufferRef, List<BackupEntry>> byBuffer = new LinkedHashMap<>();
        for (BackupEntry entry : contents.entries()) {
            BufferRef ref = BufferRef.fromKey(w.schema, entry.key()).orElseThrow(() -> new BackupFile.Unreadable(
                    file + " names a key that is not a buffer under " + w.schema.prefix() + ": " + entry.keyText()
                            + "; nothing was restored"));
            byBuffer.computeIfAbsent(ref, k -> new ArrayList<>()).add(entry);
        }
        byBuffer.values().forEach(list -> list.sort(Comparator.comparingLong(BackupEntry::index)));
        return new Restorable(w, file, contents.origin(), byBuffer);
    }

    int entries() {
        return buffers.values().stream().mapToInt(List::size).sum();
    }

    /** How many of a buffer's entries are already where a restore would put them. */
    int alreadyThere(BufferRef ref, List<BackupEntry> entries) {
        byte[] key = ref.key(w.schema);
        if (wholeKey(entries)) {
            return sameValue(key, entries) ? 1 : 0;
        }
        if (fromHead(entries)) {
            return sameHead(key, entries) ? entries.size() : 0;
        }
        int there = 0;
        for (BackupEntry e : entries) {
            byte[] at = w.redis.read(r -> r.lindex(key, e.index()));
            there += at != null && Arrays.equals(at, e.raw().bytes()) ? 1 : 0;
        }
        return there;
    }

    RestoreOutcome restore() {
        if (Writes.isUnconfirmed(file)) {
            refuseIfStillThere();
        }
        List<RestoreOutcome.Restored> restored = new ArrayList<>();
        buffers.forEach((ref, list) -> restored.add(restore(ref, list)));
        return new RestoreOutcome(restored);
    }

    private RestoreOutcome.Restored restore(BufferRef ref, List<BackupEntry> list) {
        byte[] key = ref.key(w.schema);
        String keyText = ref.keyText(w.schema);
        byte[] ttl = Writes.ascii(list.get(0).ttl().map(Duration::toMillis).orElse(-1L));
        long[] counts = new long[3]; // restored, skipped, length
        try {
            if (wholeKey(list)) {
                BackupEntry whole = list.get(0);
                List<Long> reply = w.script("restore " + keyText, RESTORE_DUMP, new byte[][] {key},
                        Writes.ascii(whole.ttl().map(Duration::toMillis).orElse(0L)), whole.raw().bytes());
                counts = new long[] {reply.get(0), reply.get(1), reply.get(2)};
            } else if (fromHead(list)) {
                byte[][] args = new byte[list.size() + 1][];
                args[0] = ttl;
                for (int i = 0; i < list.size(); i++) {
                    args[i + 1] = list.get(i).raw().bytes();
                }
                List<Long> reply = w.script("restore " + keyText, RESTORE_HEAD, new byte[][] {key}, args);
                counts = new long[] {reply.get(0), reply.get(1), reply.get(2)};
            } else {
                for (BackupEntry entry : list) {
                    List<Long> reply = w.script("restore " + keyText, RESTORE_AT, new byte[][] {key}, ttl,
                            Writes.ascii(entry.index()), entry.raw().bytes(), Writes.tombstone());
                    counts = new long[] {counts[0] + reply.get(0), counts[1] + reply.get(1), reply.get(2)};
                }
            }
        } catch (RedisFailure e) {
            audit(ref, Map.of("restored", (long) list.size()), e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN
                    ? "outcome unknown" : "failed: " + e.getMessage());
            throw e;
        }
        audit(ref, Map.of("restored", counts[0], "already_there", counts[1], "length", counts[2]), "done");
        return new RestoreOutcome.Restored(ref, keyText, (int) counts[0], (int) counts[1], counts[2], counts[2] > w.schema.cap());
    }

    private void audit(BufferRef ref, Map<String, Long> counts, String outcome) {
        w.audit.record("restore", List.of(ref.keyText(w.schema)), new LinkedHashMap<>(counts), file, outcome);
    }

    /** The backup of a removal whose reply was lost: its entries still at the head mean it did not happen. */
    private void refuseIfStillThere() {
        buffers.forEach((ref, list) -> {
            if (wholeKey(list) ? sameValue(ref.key(w.schema), list) : sameHead(ref.key(w.schema), list)) {
                throw new BackupFile.Unreadable(file.getFileName() + " is the backup of a removal whose reply was lost,"
                        + " and its entries are still at the head of " + ref.keyText(w.schema)
                        + ": the removal did not happen, so restoring would duplicate them. Nothing was restored;"
                        + " the backup can be deleted.");
            }
        });
    }

    /** A key of another type, backed up whole as DUMP serialised it ({@link RemoveWrongType}). */
    private static boolean wholeKey(List<BackupEntry> list) {
        return list.size() == 1 && list.get(0).index() == RemoveWrongType.WHOLE_KEY;
    }

    private boolean sameValue(byte[] key, List<BackupEntry> list) {
        return Arrays.equals(w.redis.read(r -> r.dump(key)), list.get(0).raw().bytes());
    }

    private boolean sameHead(byte[] key, List<BackupEntry> list) {
        List<byte[]> head = w.redis.read(r -> r.lrange(key, 0, list.size() - 1));
        boolean same = head.size() == list.size();
        for (int i = 0; same && i < list.size(); i++) {
            same = Arrays.equals(head.get(i), list.get(i).raw().bytes());
        }
        return same;
    }

    /** Whether these entries were taken from the head: indices 0, 1, 2, ... */
    private static boolean fromHead(List<BackupEntry> sorted) {
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).index() != i) {
                return false;
            }
        }
        return true;
    }
}
