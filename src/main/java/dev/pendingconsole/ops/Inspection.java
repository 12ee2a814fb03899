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

    /** Whether the page starts at the head, which a clear of "what is shown" requires. */
    public boolean showsHead() {
        return page.offset() == 0;
    }
}
