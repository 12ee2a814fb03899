package dev.pendingconsole.ops;

import java.util.List;

/**
 * What a restore put back: per buffer, how many entries, how many were already there (and so skipped),
 * and its length afterwards (possibly over the cap).
 */
public record RestoreOutcome(List<Restored> buffers) {

    /** One buffer: {@code ref} is its identity (the key bytes, whatever they are); {@code key} for display. */
    public record Restored(BufferRef ref, String key, int entries, int skipped, long length, boolean overCap) {
    }

    public RestoreOutcome {
        buffers = List.copyOf(buffers);
    }

    public int entries() {
        return buffers.stream().mapToInt(Restored::entries).sum();
    }

    public int skipped() {
        return buffers.stream().mapToInt(Restored::skipped).sum();
    }
}
