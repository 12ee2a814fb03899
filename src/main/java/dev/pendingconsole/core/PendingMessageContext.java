package dev.pendingconsole.core;

/**
 * The page a user was looking at when they queued a message. Either part may be {@code null}; the
 * endpoint's length limits are enforced by {@link PendingMessage}, not here, because stored entries
 * written by other writers are read with this type too.
 */
public record PendingMessageContext(String url, String content) {

    public static PendingMessageContext ofUrl(String url) {
        return new PendingMessageContext(url, null);
    }
}
