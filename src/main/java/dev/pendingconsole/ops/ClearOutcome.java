package dev.pendingconsole.ops;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a safe clear (or a drain to file) did to one buffer: removed exactly what was shown, or nothing
 * because the buffer changed since; with the backup (or export file) that holds what was removed.
 */
public record ClearOutcome(BufferRef ref, Status status, int removed, long remaining, Optional<Path> backup) {

    public enum Status {
        /** The shown entries were still the head and are gone; entries pushed since remain. */
        CLEARED,
        /** The head no longer matches what was shown: nothing was removed; look again. */
        CHANGED,
        /** Nothing was shown, so nothing was removed. */
        NOTHING
    }
}
