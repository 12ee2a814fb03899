package dev.pendingconsole.ops;

import java.nio.file.Path;

/** What an export wrote. */
public record ExportOutcome(Path file, int buffers, int entries) {
}
