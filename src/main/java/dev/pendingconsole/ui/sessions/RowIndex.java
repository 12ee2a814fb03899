package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.ops.BufferRef;

import java.util.Arrays;

/**
 * Where each buffer sits among the table's rows: buffer to row number, found in O(1). An open-addressing
 * table of two arrays rather than a {@code HashMap<BufferRef, Integer>}: at a million rows the map held two
 * small objects per row (an entry and a boxed number), each copied by every garbage collection that
 * found it young, while the two arrays here are a handful of large objects whatever the row count.
 *
 * <p>It grows the way Redis's own dictionaries do, a little at a time: the larger table is made at once
 * and each later {@link #put} moves a few entries over from the old one, which lookups consult until it
 * is empty. Rehashing half a million rows in one go took 50-100 ms of the FX thread.
 */
final class RowIndex {

    private static final int ABSENT = -1;
    private static final int FIRST_CAPACITY = 1 << 10;
    /**
     * Slots of the old table moved over by each put while growing: the old table has twice as many slots as
     * entries, and the next growth comes after as many puts as there are entries, so two a put would do;
     * four leaves room. Each move is a lookup in the new table, a likely cache miss at a million rows: with
     * 64 a put, a frame that added 10,000 rows while the table grew spent 50 ms of the FX thread moving.
     */
    private static final int MOVES_PER_PUT = 4;

    private BufferRef[] keys = new BufferRef[FIRST_CAPACITY];
    private int[] rows = new int[FIRST_CAPACITY];
    private int size;
    /** The table before the last growth while its entries are still being moved over; else null. */
    private BufferRef[] oldKeys;
    private int[] oldRows;
    /** Slots of the old table below this one have been moved over. */
    private int moved;

    /** The row of {@code ref}, or -1 when it has none. */
    int get(BufferRef ref) {
        int at = find(keys, ref);
        if (keys[at] != null) {
            return rows[at];
        }
        if (oldKeys != null) {
            int old = find(oldKeys, ref);
            if (oldKeys[old] != null) {
                return oldRows[old];
            }
        }
        return ABSENT;
    }

    boolean contains(BufferRef ref) {
        return get(ref) != ABSENT;
    }

    void put(BufferRef ref, int row) {
        if (row < 0) {
            throw new IllegalArgumentException("row " + row);
        }
        if (oldKeys != null) {
            moveSome(MOVES_PER_PUT);
        }
        int at = find(keys, ref);
        if (keys[at] != null) {
            rows[at] = row;
            return;
        }
        if (oldKeys != null) {
            int old = find(oldKeys, ref);
            if (oldKeys[old] != null) {
                oldRows[old] = row; // not moved over yet (a moved one is found above): moved later with this row
                return;
            }
        }
        keys[at] = ref;
        rows[at] = row;
        size++;
        if (size * 2L > keys.length) { // at most half full: probes stay short
            grow();
        }
    }

    void clear() {
        Arrays.fill(keys, null);
        oldKeys = null;
        oldRows = null;
        size = 0;
    }

    int size() {
        return size;
    }

    private void grow() {
        if (oldKeys != null) {
            moveSome(oldKeys.length); // the previous growth is not done: finish it first (rare)
        }
        oldKeys = keys;
        oldRows = rows;
        moved = 0;
        keys = new BufferRef[oldKeys.length * 2];
        rows = new int[oldKeys.length * 2];
    }

    /**
     * Moves up to {@code count} slots' worth of the old table over. An entry stays in the old table too until
     * the old table is dropped (clearing its slot would cut the probe chains of entries after it), and is
     * found in the new one first.
     */
    private void moveSome(int count) {
        int end = Math.min(oldKeys.length, moved + count);
        for (int i = moved; i < end; i++) {
            BufferRef k = oldKeys[i];
            if (k != null) {
                int at = find(keys, k);
                if (keys[at] == null) {
                    keys[at] = k;
                    rows[at] = oldRows[i];
                }
            }
        }
        moved = end;
        if (moved == oldKeys.length) {
            oldKeys = null;
            oldRows = null;
        }
    }

    /** The slot that holds {@code ref} in {@code table}, or the empty slot where it would go. */
    private static int find(BufferRef[] table, BufferRef ref) {
        int mask = table.length - 1;
        for (int i = slot(ref, mask); ; i = (i + 1) & mask) {
            BufferRef k = table[i];
            if (k == null || k.equals(ref)) {
                return i;
            }
        }
    }

    private static int slot(BufferRef ref, int mask) {
        int h = ref.hashCode() * 0x9E3779B9; // spread: ids that differ in their last characters land apart
        return (h ^ (h >>> 16)) & mask;
    }
}
