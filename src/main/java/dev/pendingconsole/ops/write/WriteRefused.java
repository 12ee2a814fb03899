package dev.pendingconsole.ops.write;

/**
 * A write that was not carried out, by the operator's choice or because it would not be safe (a backup
 * of another server, a file that exists); nothing was changed. The message says why and what to do.
 */
public final class WriteRefused extends RuntimeException {

    private final boolean declined;

    WriteRefused(String message, boolean declined) {
        super(message);
        this.declined = declined;
    }

    /** True when the person said no, false when the console refused on its own. */
    public boolean declined() {
        return declined;
    }
}
