package dev.pendingconsole.ui.common;

import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.ops.write.WriteRefused;

import java.io.UncheckedIOException;

/** A message in the notification bar, optionally with one action (such as Undo). */
public record Notice(String text, boolean error, String actionLabel, Runnable action) {

    public static Notice info(String text) {
        return new Notice(text, false, null, null);
    }

    public static Notice error(String text) {
        return new Notice(text, true, null, null);
    }

    public static Notice withAction(String text, String label, Runnable action) {
        return new Notice(text, false, label, action);
    }

    /** A failure in words a person can act on: our own failures say it already; others get their type named. */
    public static String describe(Throwable failure) {
        if (failure instanceof RedisFailure || failure instanceof IllegalArgumentException) {
            return failure.getMessage();
        }
        if (failure instanceof UncheckedIOException u && u.getCause() != null) {
            return u.getMessage() + ": " + u.getCause().getMessage();
        }
        if (failure instanceof WriteRefused || failure instanceof BackupFile.Refused
                || failure instanceof BackupFile.Unreadable) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
