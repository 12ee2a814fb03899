package dev.pendingconsole.ops;

import dev.pendingconsole.core.BackendGeneration;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The totals of one scan, as monitoring wants them (check, serve): buffers by generation, messages, the
 * bytes of the entries read, stuck buffers by reason, unreadable entries, and the oldest pending message's
 * wait (exact where entries carry enqueued_at, else a lower bound). Counts only: no session id, so a
 * million sessions cost no more than ten. Not thread-safe; one scan feeds one instance.
 */
public final class HealthCount {

    private long buffers;
    private long messages;
    private long bytes;
    private long stuck;
    private long unreadable;
    private final Map<StuckReason, Long> byReason = new EnumMap<>(StuckReason.class);
    private final Map<BackendGeneration, Long> byGeneration = new EnumMap<>(BackendGeneration.class);
    private Optional<Duration> oldest = Optional.empty();
    private boolean oldestExact = true;

    public void add(BufferSummary b) {
        buffers++;
        messages += b.length();
        bytes += b.bytes();
        unreadable += b.unreadable();
        byGeneration.merge(b.ref().generation(), 1L, Long::sum);
        if (b.isStuck()) {
            stuck++;
            b.stuck().forEach(r -> byReason.merge(r, 1L, Long::sum));
        }
        Optional<Duration> wait = b.oldestWait();
        if (wait.isPresent() && (oldest.isEmpty() || wait.get().compareTo(oldest.get()) > 0)) {
            oldest = wait;
            oldestExact = b.oldestAgeExact();
        }
    }

    /** The reasons some buffer is stuck for, with their counts, in the reasons' order: "idle 4, no-ttl 1" ("" when none). */
    public String stuckByReason() {
        StringBuilder out = new StringBuilder();
        for (StuckReason r : StuckReason.values()) {
            if (stuck(r) > 0) {
                out.append(out.length() == 0 ? "" : ", ").append(r.code()).append(' ').append(stuck(r));
            }
        }
        return out.toString();
    }

    public long buffers() {
        return buffers;
    }

    public long messages() {
        return messages;
    }

    /** Bytes of the entries the scan read (each buffer's first cap's worth): a lower bound for longer lists. */
    public long bytes() {
        return bytes;
    }

    public long stuck() {
        return stuck;
    }

    public long unreadable() {
        return unreadable;
    }

    public long stuck(StuckReason reason) {
        return byReason.getOrDefault(reason, 0L);
    }

    public long buffers(BackendGeneration generation) {
        return byGeneration.getOrDefault(generation, 0L);
    }

    public Optional<Duration> oldest() {
        return oldest;
    }

    public boolean oldestExact() {
        return oldestExact;
    }
}
