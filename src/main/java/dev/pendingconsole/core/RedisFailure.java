package dev.pendingconsole.core;

/**
 * A Redis operation that did not succeed, with a {@link Kind} a caller can act on and a message a
 * person can read. The message never contains a password. The redis package translates the client
 * library's exceptions into these, so nothing above it sees the library's types.
 */
public final class RedisFailure extends RuntimeException {

    public enum Kind {
        /** Nothing listens at the address, or the host is unknown. */
        REFUSED,
        /** The server did not answer in time; for a read, nothing changed. */
        TIMEOUT,
        /** Wrong password or unknown user. */
        AUTH,
        /** The ACL user may not run this command or touch this key. */
        NO_PERMISSION,
        /** The server is a read-only replica. */
        READ_ONLY,
        /** TLS handshake or certificate problem. */
        TLS,
        /** A key holds another type than the operation needs. */
        WRONG_TYPE,
        /** A write was sent but its reply was lost: it may or may not have happened. */
        OUTCOME_UNKNOWN,
        /** The server refused the command for another reason. */
        SERVER_ERROR,
        /** The connection broke. */
        CONNECTION_LOST,
        /** This console was opened read-only: the write was refused before reaching Redis. */
        READ_ONLY_MODE
    }

    private final Kind kind;

    public RedisFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
