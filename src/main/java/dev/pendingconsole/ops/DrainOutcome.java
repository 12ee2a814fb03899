package dev.pendingconsole.ops;

import dev.pendingconsole.core.DrainResult;

import java.nio.file.Path;
import java.util.Optional;

/** What a drain popped, and the backup of everything popped (valid or not). */
public record DrainOutcome(BufferRef ref, DrainResult result, Optional<Path> backup) {
}
