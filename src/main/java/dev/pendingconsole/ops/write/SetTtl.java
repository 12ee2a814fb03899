package dev.pendingconsole.ops.write;

import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.Durations;
import dev.pendingconsole.ops.NoSuchBuffer;
import dev.pendingconsole.ops.TtlChange;
import dev.pendingconsole.ops.TtlOutcome;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Setting, extending or removing a buffer's TTL. Writes no backup (no entry is removed); its outcome holds
 * the TTL read right before the change, and {@link #undo} sets exactly that back.
 *
 * @param ref the buffer
 * @param change what to do to the TTL
 * @param undo it takes back a TTL change this tool just made
 */
public record SetTtl(BufferRef ref, TtlChange change, boolean undo) implements Write<TtlOutcome> {

    public static SetTtl of(BufferRef ref, TtlChange change) {
        return new SetTtl(ref, change, false);
    }

    /** Puts back the TTL {@code done} found before its change ({@code empty}: none). */
    public static SetTtl undo(TtlOutcome done) {
        return new SetTtl(done.ref(), done.before().<TtlChange>map(TtlChange.Set::new).orElse(new TtlChange.Persist()), true);
    }

    @Override
    public WritePlan<TtlOutcome> plan(Writes w) {
        Optional<Duration> before = current(w);
        String to = change instanceof TtlChange.Set set ? Durations.compact(set.ttl())
                : change instanceof TtlChange.Extend extend ? Durations.compact(before.orElse(Duration.ZERO).plus(extend.by()))
                : "none (it will never expire)";
        String what = (undo ? "Undo: set" : "Set") + " the TTL of " + ref.keyText(w.schema) + " from "
                + Previews.ttl(before) + " to " + to + "; no entry is removed (no backup needed)";
        return WritePlan.of(WritePlan.Kind.TTL, List.of(ref), ref.session().text(), "session id").summary(what)
                .changes().undo(undo).run(() -> set(w));
    }

    private Optional<Duration> current(Writes w) {
        Long pttl = w.redis.read(r -> r.pttl(ref.key(w.schema)));
        if (pttl == -2) {
            throw new NoSuchBuffer("no buffer for session " + ref.session() + " (it was drained or expired)");
        }
        return w.ttl(ref.key(w.schema));
    }

    private TtlOutcome set(Writes w) {
        byte[] key = ref.key(w.schema);
        String action = "ttl " + ref.session();
        Optional<Duration> before = current(w);
        if (change instanceof TtlChange.Persist) {
            w.write(action, r -> r.persist(key));
        } else {
            long millis = change instanceof TtlChange.Set set ? set.ttl().toMillis()
                    : before.map(Duration::toMillis).orElse(0L) + ((TtlChange.Extend) change).by().toMillis();
            if (millis < 1) {
                throw new IllegalArgumentException("a TTL must be positive; use persist to remove it");
            }
            if (!w.write(action, r -> r.pexpire(key, millis))) { // a TTL on a key that vanished creates nothing
                throw new NoSuchBuffer("no buffer for session " + ref.session() + " (it was drained or expired)");
            }
        }
        Optional<Duration> after = w.ttl(key);
        // an age estimated from this TTL would be wrong until the next push re-applies the configured one
        after.ifPresent(ttl -> w.reads.ttlMarks().mark(w.redis.target().address(), key, ttl));
        w.record(undo ? "undo-ttl" : "ttl", ref, Map.of("ttl_ms_before", before.map(Duration::toMillis).orElse(-1L),
                "ttl_ms", after.map(Duration::toMillis).orElse(-1L)), null, "done");
        return new TtlOutcome(ref, before, after);
    }
}
