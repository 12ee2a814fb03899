package dev.pendingconsole.ops;

/**
 * The backend's turn metadata for a session ({@code chat:task:meta:<session>}): whether a turn is
 * running, and who and what it belongs to. Fields the hash does not have are {@code null}.
 */
public record TurnStatus(String status, String userId, String turnId, String createdAt, String toolName) {

    public TurnStatus {
        status = shared(status); // a million rows share three values instead of a string each
    }

    public boolean isRunning() {
        return "running".equals(status);
    }

    private static String shared(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "running" -> "running";
            case "completed" -> "completed";
            case "failed" -> "failed";
            default -> status;
        };
    }
}
