package dev.pendingconsole.ops;

import java.time.Duration;
import java.util.Locale;

/** How the CLI and the console write an age or a TTL: "42s", "5m 03s", "2h 10m". */
public final class Durations {

    private Durations() {
    }

    public static String compact(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
