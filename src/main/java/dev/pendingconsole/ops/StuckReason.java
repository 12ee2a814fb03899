package dev.pendingconsole.ops;


/** Why nobody will drain a buffer, or why draining it will go wrong. */
public enum StuckReason {
    IDLE("idle", "not empty, no running turn, and no push for longer than the threshold: nobody will drain it until the user sends again"),
    NO_TTL("no-ttl", "no TTL: it will never expire"),
    OVER_CAP("over-cap", "longer than the cap: something bypassed the push script"),
    UNREADABLE("unreadable", "holds entries the backend cannot parse: they will be silently dropped on drain"),
    WRONG_TYPE("wrong-type", "a key of another type where this session's buffer belongs: the backend's push and drain"
            + " fail on it (WRONGTYPE) until it is removed");

    private final String code;
    private final String explanation;

    StuckReason(String code, String explanation) {
        this.code = code;
        this.explanation = explanation;
    }

    /** Short, stable name for tables and JSON. */
    public String code() {
        return code;
    }

    public String explanation() {
        return explanation;
    }

    /** The reason with this code ("idle", "no-ttl", "over-cap", "unreadable", "wrong-type"); the error lists them. */
    public static StuckReason ofCode(String code) {
        for (StuckReason r : values()) {
            if (r.code.equalsIgnoreCase(code == null ? "" : code.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not a stuck reason; they are idle, no-ttl, over-cap, unreadable and wrong-type");
    }
}
