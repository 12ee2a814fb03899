package dev.pendingconsole.ops;

import dev.pendingconsole.core.DrainResult;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a drain did: popped exactly the entries shown ({@link ClearOutcome.Status#CLEARED}), nothing because
 * the buffer changed since, or nothing because it was empty; what was popped, its backup, and what is left.
 */
public record DrainOutcome(BufferRef ref, ClearOutcome.Status status, DrainResult result, Optional<Path> backup,
                           long remaining) {
}
