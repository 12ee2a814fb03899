package dev.pendingconsole.ops;

/**
 * A write aimed at a buffer that does not exist (never created, drained or expired): there is nothing to
 * act on, and nothing was changed. The CLI reports it with exit code 1.
 */
public final class NoSuchBuffer extends RuntimeException {

    public NoSuchBuffer(String message) {
        super(message);
    }
}
