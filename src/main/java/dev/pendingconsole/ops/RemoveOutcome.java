package dev.pendingconsole.ops;

import java.nio.file.Path;
import java.util.Optional;

/** Whether one entry was removed (only if it still held the bytes shown), and its backup. */
public record RemoveOutcome(BufferRef ref, long index, boolean removed, long remaining, Optional<Path> backup) {
}
