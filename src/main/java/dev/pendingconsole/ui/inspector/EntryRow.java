package dev.pendingconsole.ui.inspector;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.ui.common.Format;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One entry in the inspector's list: its index, whether a search inside messages matched it, and what the table shows of it. */
public record EntryRow(long index, BufferEntry entry, boolean matched) {

    public EntryRow(long index, BufferEntry entry) {
        this(index, entry, false);
    }

    /** Whether {@code other} is the same message: the same exact bytes (its index may have moved). */
    public boolean sameEntry(EntryRow other) {
        return entry.raw().equals(other.entry.raw());
    }

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

    /** When today's backend queued it ({@code enqueued_at}); empty for the seed's entries. */
    public Optional<Instant> enqueuedAt() {
        return entry instanceof BufferEntry.Valid v ? v.message().enqueuedAt() : Optional.empty();
    }

    /** "5m 03s ago" from its enqueued_at, or a dash. */
    public String queued() {
        return enqueuedAt().map(at -> {
            Duration age = Duration.between(at, Instant.now());
            return Format.duration(Optional.of(age.isNegative() ? Duration.ZERO : age))
                    + " ago";
        }).orElse("\u2014");
    }
}
