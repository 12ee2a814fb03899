package dev.pendingconsole.ops;

/** Thrown when an export was cancelled; no file was written. */
public final class ExportCancelled extends RuntimeException {

    public ExportCancelled(String message) {
        super(message);
    }
}
