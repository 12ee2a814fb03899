package dev.pendingconsole.ops;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a console push did: how many of the requested pushes landed, the buffer's length after, how many
 * entries they evicted, and the backup of the evicted entries (taken before the first push).
 */
public record PushOutcome(BufferRef ref, Status status, int requested, int pushed, long length, long evicted,
                          Optional<Path> backup, byte[] payload) {

    public enum Status {
        /** Every push landed. */
        DONE,
        /** Stopped by the operator; the pushes so far landed. */
        STOPPED,
        /** The buffer was not as planned (pushed to or drained meanwhile): stopped before that push. */
        CHANGED
    }
}
