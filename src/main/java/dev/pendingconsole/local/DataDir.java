package dev.pendingconsole.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the console keeps its own files: backups, the audit log and the TTLs it set by hand. {@code $PENDING_CONSOLE_HOME} wins;
 * otherwise the platform's data directory ({@code $XDG_DATA_HOME} or {@code ~/.local/share} on Linux,
 * {@code ~/Library/Application Support} on macOS, {@code %APPDATA%} on Windows).
 */
public record DataDir(Path root) {

    public static DataDir locate(Map<String, String> env) {
        String home = env.get("PENDING_CONSOLE_HOME");
        if (home != null && !home.isBlank()) {
            return new DataDir(Path.of(home));
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path user = Path.of(System.getProperty("user.home"));
        if (os.contains("mac")) {
            return new DataDir(user.resolve("Library/Application Support/pending-console"));
        }
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return new DataDir((appData != null ? Path.of(appData) : user.resolve("AppData/Roaming")).resolve("pending-console"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        return new DataDir((xdg != null && !xdg.isBlank() ? Path.of(xdg) : user.resolve(".local/share")).resolve("pending-console"));
    }

    public Path backups() {
        return ensure(root.resolve("backups"));
    }

    /** The audit log's path; its folder is made by the first entry written (a read makes no folder). */
    public Path auditLog() {
        return root.resolve("audit.jsonl");
    }

    /** TTLs this tool set by hand (see {@link TtlMarks}); made by the first one. */
    public Path ttlMarks() {
        return root.resolve("ttl-marks.tsv");
    }

    private static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
