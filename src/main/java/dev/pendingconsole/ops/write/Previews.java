package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.ops.Durations;
import dev.pendingconsole.ops.Workspace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lines a plan shows a person: one per entry, cut at a dozen. */
final class Previews {

    static final int LINES = 12;

    private Previews() {
    }

    /** One line per entry (at most {@value #LINES}) into {@code lines}; returns their bytes. */
    static long describe(List<BufferEntry> entries, long firstIndex, List<String> lines) {
        long bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            BufferEntry e = entries.get(i);
            bytes += e.raw().bytes().length;
            if (i < LINES) {
                String text = e instanceof BufferEntry.Valid v ? "\"" + oneLine(v.message().content()) + "\""
                        : "unreadable: " + ((BufferEntry.Invalid) e).reason();
                lines.add("[" + (firstIndex + i) + "] " + text + " (" + e.raw().bytes().length + " bytes)");
            }
        }
        if (entries.size() > LINES) {
            lines.add("\u2026 and " + Workspace.entries(entries.size() - LINES) + " more");
        }
        return bytes;
    }

    static List<String> cut(List<String> lines, String noun) {
        if (lines.size() <= LINES) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, LINES));
        out.add("\u2026 and " + (lines.size() - LINES) + " more " + noun);
        return out;
    }

    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 60 ? flat.substring(0, 59) + "\u2026" : flat;
    }

    static String ttl(Optional<Duration> ttl) {
        return ttl.map(Durations::compact).orElse("none");
    }
}
