package dev.pendingconsole.ops;

import dev.pendingconsole.core.SessionId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One buffer as a scan found it: length, remaining TTL (empty when the key has none), the age of its
 * last push derived from the TTL, its turn status (empty when there is no metadata), how many of the
 * entries checked the backend cannot parse, why it is stuck (empty when it is not), and, for a scan that
 * searched inside messages, the indexes of the entries that matched; and the age of its oldest entry where
 * that entry says when it was queued (today's {@code enqueued_at}; empty for the seed's); the bytes of the
 * entries the scan read (the first cap's worth).
 *
 * <p>Kept lean, because a console holds one per buffer, a million of them, and the garbage collector copies
 * every one that arrived since its last pause: the durations are held as milliseconds, not as
 * {@code Optional<Duration>} pairs of objects, the turn as a plain reference, and the stuck reasons as one of
 * sixteen shared sets. The accessors still answer with {@link Optional}s, made on demand.
 */
public final class BufferSummary {

    /** A duration that is not there (no TTL, no age known). */
    private static final long ABSENT = Long.MIN_VALUE;

    /** Every set of stuck reasons, by bit mask of their ordinals: rows share them instead of holding their own. */
    private static final List<Set<StuckReason>> REASON_SETS = reasonSets();

    private final BufferRef ref;
    private final long length;
    private final long ttlMillis;
    private final long lastPushAgeMillis;
    private final long oldestAgeMillis;
    private final long bytes;
    /** Whether the last push's age comes from the newest entry's enqueued_at (else it is estimated from the TTL). */
    private final boolean lastPushExact;
    private final TurnStatus turn; // null: no metadata
    private final int unreadable;
    private final Set<StuckReason> stuck;
    private final List<Integer> matches;

    public BufferSummary(BufferRef ref, long length, Optional<Duration> ttl, Optional<Duration> lastPushAge,
                         Optional<TurnStatus> turn, int unreadable, Set<StuckReason> stuck,
                         List<Integer> matches, Optional<Duration> oldestAge, long bytes) {
        this(ref, length, ttl, lastPushAge, false, turn, unreadable, stuck, matches, oldestAge, bytes);
    }

    /** As above, saying whether {@code lastPushAge} is exact (from enqueued_at) or estimated from the TTL. */
    public BufferSummary(BufferRef ref, long length, Optional<Duration> ttl, Optional<Duration> lastPushAge,
                         boolean lastPushExact, Optional<TurnStatus> turn, int unreadable, Set<StuckReason> stuck,
                         List<Integer> matches, Optional<Duration> oldestAge, long bytes) {
        this.lastPushExact = lastPushExact;
        this.ref = Objects.requireNonNull(ref, "ref");
        this.length = length;
        this.ttlMillis = millis(ttl);
        this.lastPushAgeMillis = millis(lastPushAge);
        this.oldestAgeMillis = millis(oldestAge);
        this.bytes = bytes;
        this.turn = turn.orElse(null);
        this.unreadable = unreadable;
        this.stuck = shared(stuck);
        this.matches = List.copyOf(matches);
    }

    public BufferSummary(BufferRef ref, long length, Optional<Duration> ttl, Optional<Duration> lastPushAge,
                         Optional<TurnStatus> turn, int unreadable, Set<StuckReason> stuck) {
        this(ref, length, ttl, lastPushAge, turn, unreadable, stuck, List.of(), Optional.empty(), 0);
    }

    public BufferRef ref() {
        return ref;
    }

    public long length() {
        return length;
    }

    public Optional<Duration> ttl() {
        return duration(ttlMillis);
    }

    public Optional<Duration> lastPushAge() {
        return duration(lastPushAgeMillis);
    }

    /**
     * Whether {@link #lastPushAge()} is exact, from the newest entry's enqueued_at; otherwise it is estimated
     * from the TTL (the seed's entries carry no time) and shown with "≈", or unknown after a hand-set TTL.
     */
    public boolean lastPushExact() {
        return lastPushExact;
    }

    /** An idle verdict that rests only on an estimated age: a bulk plan lists these apart. */
    public boolean idleByEstimate() {
        return !lastPushExact && stuck.contains(StuckReason.IDLE);
    }

    public Optional<TurnStatus> turn() {
        return Optional.ofNullable(turn);
    }

    public int unreadable() {
        return unreadable;
    }

    public Set<StuckReason> stuck() {
        return stuck;
    }

    public List<Integer> matches() {
        return matches;
    }

    /** The age of the oldest entry, where it carries {@code enqueued_at}. */
    public Optional<Duration> oldestAge() {
        return duration(oldestAgeMillis);
    }

    public long bytes() {
        return bytes;
    }

    /**
     * How long its oldest message has waited: exact where the head entry carries enqueued_at, else the last
     * push's age, which it has waited at least (a lower bound; {@link #oldestAgeExact()} says which).
     */
    public Optional<Duration> oldestWait() {
        return oldestAgeExact() ? oldestAge() : lastPushAge();
    }

    public boolean oldestAgeExact() {
        return oldestAgeMillis != ABSENT;
    }

    public SessionId session() {
        return ref.session();
    }

    /** A key of another type where this session's buffer belongs: no entries to read, clear or export. */
    public boolean wrongType() {
        return stuck.contains(StuckReason.WRONG_TYPE);
    }

    public boolean isStuck() {
        return !stuck.isEmpty();
    }

    /**
     * Milliseconds (a scan's precision: PTTL answers in them); a duration beyond what a long holds in
     * milliseconds (292 million years: an absurd {@code enqueued_at}) is held as the longest that fits.
     */
    private static long millis(Optional<Duration> d) {
        if (d.isEmpty()) {
            return ABSENT;
        }
        try {
            return Math.max(d.get().toMillis(), ABSENT + 1);
        } catch (ArithmeticException e) {
            return d.get().isNegative() ? ABSENT + 1 : Long.MAX_VALUE;
        }
    }

    private static Optional<Duration> duration(long millis) {
        return millis == ABSENT ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    private static Set<StuckReason> shared(Set<StuckReason> reasons) {
        int mask = 0;
        for (StuckReason r : reasons) {
            mask |= 1 << Objects.requireNonNull(r, "stuck reason").ordinal();
        }
        return REASON_SETS.get(mask);
    }

    private static List<Set<StuckReason>> reasonSets() {
        StuckReason[] all = StuckReason.values();
        List<Set<StuckReason>> sets = new ArrayList<>(1 << all.length);
        for (int mask = 0; mask < 1 << all.length; mask++) {
            Set<StuckReason> set = EnumSet.noneOf(StuckReason.class);
            for (StuckReason r : all) {
                if ((mask & 1 << r.ordinal()) != 0) {
                    set.add(r);
                }
            }
            sets.add(Collections.unmodifiableSet(set)); // iterates in the reasons' order
        }
        return List.copyOf(sets);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof BufferSummary b && length == b.length && ttlMillis == b.ttlMillis
                && lastPushAgeMillis == b.lastPushAgeMillis && oldestAgeMillis == b.oldestAgeMillis && bytes == b.bytes
                && unreadable == b.unreadable && ref.equals(b.ref) && Objects.equals(turn, b.turn)
                && stuck.equals(b.stuck) && matches.equals(b.matches);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ref, length, ttlMillis, lastPushAgeMillis, turn, unreadable, stuck, matches, oldestAgeMillis, bytes);
    }

    @Override
    public String toString() {
        return "BufferSummary[ref=" + ref + ", length=" + length + ", ttl=" + ttl() + ", lastPushAge=" + lastPushAge()
                + ", turn=" + turn() + ", unreadable=" + unreadable + ", stuck=" + stuck + ", matches=" + matches
                + ", oldestAge=" + oldestAge() + ", bytes=" + bytes + "]";
    }
}
