package dev.pendingconsole.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Whether the entries were removed (all of them, only if each still held the bytes shown), and their backup. */
public record RemoveOutcome(BufferRef ref, List<Long> indices, boolean removed, long remaining, Optional<Path> backup) {

    /** The first entry's index (the only one, for a single removal). */
    public long index() {
        return indices.get(0);
    }
}
