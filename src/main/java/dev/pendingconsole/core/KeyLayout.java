package dev.pendingconsole.core;

/** How a session id is placed in its buffer key. */
public enum KeyLayout {
    /** {@code copilot:pending:<session>}: the seed's layout. */
    PLAIN,
    /** {@code copilot:pending:{<session>}}: newer writers, so multi-key scripts work on Redis Cluster. */
    HASH_TAG
}
