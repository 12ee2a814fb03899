package dev.pendingconsole.ops.write;

/**
 * What the door asks before a write, decided by the door alone from the write's effect and the
 * connection: nothing, a yes, or a token to type. A face shows the question; the door checks the answer.
 *
 * @param level how much the person must say
 * @param token for {@link Level#TYPED}: the exact text to type (a session id, a count, a user, a server)
 * @param tokenName what the token is, for "type the ... to confirm"
 */
public record Question(Level level, String token, String tokenName) {

    public enum Level {
        /** Runs at once: a plain push that evicts nothing, an Undo just clicked (not on production). */
        NONE,
        /** A yes: a destructive write off production. */
        YES,
        /** The token typed: every write on production, and a restore of another server's backup. */
        TYPED
    }

    static final Question NONE = new Question(Level.NONE, "", "");
    static final Question YES = new Question(Level.YES, "", "");

    static Question typed(String token, String tokenName) {
        return new Question(Level.TYPED, token, tokenName);
    }
}
