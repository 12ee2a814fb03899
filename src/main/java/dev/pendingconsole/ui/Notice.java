package dev.pendingconsole.ui;

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
}
