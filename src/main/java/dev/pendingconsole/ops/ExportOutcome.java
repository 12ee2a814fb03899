package dev.pendingconsole.ops;

import java.nio.file.Path;
import java.util.Optional;

/** What an export wrote, and to which file (none when it went to a stream). */
public record ExportOutcome(Optional<Path> file, int buffers, int entries) {
}
