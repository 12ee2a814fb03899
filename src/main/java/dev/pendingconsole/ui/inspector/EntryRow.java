package dev.pendingconsole.ui.inspector;

import dev.pendingconsole.core.BufferEntry;

/** One entry in the inspector's list: its index, and what the table shows of it. */
public record EntryRow(long index, BufferEntry entry) {

    public boolean valid() {
        return entry instanceof BufferEntry.Valid;
    }

    public String preview() {
        String text = entry instanceof BufferEntry.Valid v ? v.message().content()
                : "\u26a0 " + ((BufferEntry.Invalid) entry).reason();
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 120 ? line.substring(0, 119) + "\u2026" : line;
    }

    public int size() {
        return entry.raw().size();
    }
}
