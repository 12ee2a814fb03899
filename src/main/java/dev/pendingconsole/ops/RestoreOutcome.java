package dev.pendingconsole.ops;

import java.util.List;

/** What a restore put back: per buffer, how many entries, and its length afterwards (possibly over the cap). */
public record RestoreOutcome(List<Restored> buffers) {

    public record Restored(String key, int entries, long length, boolean overCap) {
    }

    public RestoreOutcome {
        buffers = List.copyOf(buffers);
    }

    public int entries() {
        return buffers.stream().mapToInt(Restored::entries).sum();
    }
}
