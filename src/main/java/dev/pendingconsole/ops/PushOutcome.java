package dev.pendingconsole.ops;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a console push did: how many of the requested pushes landed, the buffer's length after, how many
 * entries they evicted, the backup of the evicted entries (taken before the first push), and the exact
 * bytes of each push that landed (today's backend gives each its own id and time), and when the buffer
 * would have expired before the first push (empty: never; it did not exist or had no TTL), for an exact Undo.
 */
public record PushOutcome(BufferRef ref, Status status, int requested, int pushed, long length, long evicted,
                          Optional<Path> backup, List<byte[]> payloads, Optional<Instant> expiredAt) {

    public enum Status {
        /** Every push landed. */
        DONE,
        /** Stopped by the operator; the pushes so far landed. */
        STOPPED,
        /** The buffer was not as planned (pushed to or drained meanwhile): stopped before that push. */
        CHANGED,
        /** Gated on a running turn, as today's HTTP route, and none was running: nothing more was pushed. */
        NO_RUNNING_TURN
    }
}
