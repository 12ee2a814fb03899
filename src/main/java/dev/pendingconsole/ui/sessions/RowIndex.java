package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.ops.BufferRef;

import java.util.Arrays;

/**
 * Where each buffer sits among the table's rows: buffer to row number, found in O(1). An open-addressing
 * table of two arrays rather than a {@code HashMap<BufferRef, Integer>}: at a million rows the map held two
 * small objects per row (an entry and a boxed number), each copied by every garbage collection that
 * found it young, while the two arrays here are a handful of large objects whatever the row count.
 */
final class RowIndex {

    private static final int ABSENT = -1;
    private static final int FIRST_CAPACITY = 1 << 10;

    private BufferRef[] keys = new BufferRef[FIRST_CAPACITY];
    private int[] rows = new int[FIRST_CAPACITY];
    private int size;

    /** The row of {@code ref}, or -1 when it has none. */
    int get(BufferRef ref) {
        int mask = keys.length - 1;
        for (int i = slot(ref, mask); ; i = (i + 1) & mask) {
            BufferRef k = keys[i];
            if (k == null) {
                return ABSENT;
            }
            if (k.equals(ref)) {
                return rows[i];
            }
        }
    }

    boolean contains(BufferRef ref) {
        return get(ref) != ABSENT;
    }

    void put(BufferRef ref, int row) {
        if (row < 0) {
            throw new IllegalArgumentException("row " + row);
        }
        if ((size + 1) * 2L > keys.length) { // at most half full: probes stay short
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(ref, mask); ; i = (i + 1) & mask) {
            BufferRef k = keys[i];
            if (k == null) {
                keys[i] = ref;
                rows[i] = row;
                size++;
                return;
            }
            if (k.equals(ref)) {
                rows[i] = row;
                return;
            }
        }
    }

    void clear() {
        Arrays.fill(keys, null);
        size = 0;
    }

    int size() {
        return size;
    }

    private void grow() {
        BufferRef[] oldKeys = keys;
        int[] oldRows = rows;
        keys = new BufferRef[oldKeys.length * 2];
        rows = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldRows[i]);
            }
        }
    }

    private static int slot(BufferRef ref, int mask) {
        int h = ref.hashCode() * 0x9E3779B9; // spread: ids that differ in their last characters land apart
        return (h ^ (h >>> 16)) & mask;
    }
}
