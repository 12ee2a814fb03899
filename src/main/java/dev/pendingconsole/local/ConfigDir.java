package dev.pendingconsole.local;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the console keeps its settings (connection profiles): {@code $PENDING_CONSOLE_CONFIG} wins;
 * otherwise {@code $XDG_CONFIG_HOME} or {@code ~/.config} on Linux, {@code ~/Library/Application Support}
 * on macOS, {@code %APPDATA%} on Windows, each with a {@code pending-console} folder.
 */
public record ConfigDir(Path root) {

    public static ConfigDir locate(Map<String, String> env) {
        String explicit = env.get("PENDING_CONSOLE_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return new ConfigDir(Path.of(explicit));
        }
        String home = env.get("PENDING_CONSOLE_HOME");
        if (home != null && !home.isBlank()) {
            return new ConfigDir(Path.of(home).resolve("config"));
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path user = Path.of(System.getProperty("user.home"));
        if (os.contains("mac")) {
            return new ConfigDir(user.resolve("Library/Application Support/pending-console"));
        }
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return new ConfigDir((appData != null ? Path.of(appData) : user.resolve("AppData/Roaming")).resolve("pending-console"));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return new ConfigDir((xdg != null && !xdg.isBlank() ? Path.of(xdg) : user.resolve(".config")).resolve("pending-console"));
    }

    public Path profiles() {
        return root.resolve("profiles.json");
    }
}
