package dev.pendingconsole.core;

/** How a push announces itself on the session's notify channel. */
public enum PublishMode {
    /** PUBLISH, as the seed does. */
    PUBLISH,
    /** SPUBLISH (Redis 7 sharded pub/sub), as cluster deployments of newer writers do. */
    SPUBLISH,
    /** No notification. */
    NONE
}
