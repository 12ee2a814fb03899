package dev.pendingconsole.core;

import java.util.List;

/**
 * A window of a buffer read without consuming it: the entries from {@code offset} on, and the buffer's
 * length read right after them.
 */
public record BufferPage(SessionId session, long offset, long length, List<BufferEntry> entries) {

    public BufferPage {
        entries = List.copyOf(entries);
    }

    /** The list index of the i-th entry of this page. */
    public long indexOf(int i) {
        return offset + i;
    }
}
