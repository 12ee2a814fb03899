package dev.pendingconsole.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a clear of many buffers did: each buffer's outcome (skipped ones as {@link ClearOutcome.Status#CHANGED}),
 * the one backup file of everything it set out to remove (restore is idempotent, so entries that stayed are
 * skipped by an Undo), and, when Redis failed part-way, why it stopped (later buffers untouched).
 */
public record BulkClearOutcome(List<ClearOutcome> outcomes, Optional<Path> backup, Optional<String> stoppedBy) {

    public BulkClearOutcome {
        outcomes = List.copyOf(outcomes);
    }

    public long cleared() {
        return outcomes.stream().filter(o -> o.status() == ClearOutcome.Status.CLEARED).count();
    }

    public long removed() {
        return outcomes.stream().mapToLong(ClearOutcome::removed).sum();
    }

    public long skipped() {
        return outcomes.stream().filter(o -> o.status() == ClearOutcome.Status.CHANGED).count();
    }
}
