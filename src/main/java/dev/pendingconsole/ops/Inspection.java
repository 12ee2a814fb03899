package dev.pendingconsole.ops;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.BufferPage;
import dev.pendingconsole.core.RawPayload;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One buffer as an operator sees it: a page of entries (raw bytes, validity, parsed fields, model
 * view), the remaining TTL, the last push age and the turn metadata.
 */
public record Inspection(BufferRef ref, BufferPage page, Optional<Duration> ttl, Optional<Duration> lastPushAge,
                         Optional<TurnStatus> turn) {

    /** Whether every entry of the buffer was read (not a page of it). */
    public boolean isWhole() {
        return page.offset() == 0 && page.entries().size() >= page.length();
    }

    /** The exact bytes of the entries shown, in list order. */
    public List<RawPayload> raws() {
        return page.entries().stream().map(BufferEntry::raw).toList();
    }

    /**
     * Whether {@link #lastPushAge()} is exact, from the newest entry's {@code enqueued_at}; otherwise it is
     * the TTL estimate (configured TTL − remaining), which a TTL change or a restore falsifies.
     */
    public boolean lastPushExact() {
        return page.offset() + page.entries().size() >= page.length()
                && StuckRules.exactAge(page.entries().size(), page.entries()).isPresent();
    }

    /**
     * The last push in words: "5m 03s ago (from its enqueued_at)", "≈50m ago (estimated from the TTL)", or why
     * it is not known (a TTL this tool set by hand, or no TTL). {@code brief}: "5m 03s ago", "≈50m ago (est.)".
     */
    public String lastPushText(boolean brief) {
        if (lastPushExact()) {
            return Durations.compact(lastPushAge.orElseThrow()) + " ago" + (brief ? "" : " (from its enqueued_at)");
        }
        if (lastPushAge.isEmpty()) {
            return ttl.isPresent() ? "unknown (TTL set by hand)" : "unknown (no TTL)";
        }
        return "\u2248" + Durations.compact(lastPushAge.get()) + " ago" + (brief ? " (est.)" : " (estimated from the TTL)");
    }

    /** Whether the page starts at the head, which a clear of "what is shown" requires. */
    public boolean showsHead() {
        return page.offset() == 0;
    }
}
