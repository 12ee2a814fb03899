package dev.pendingconsole.ops;

import java.time.Duration;

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
            return s / 60 + "m " + twoDigits(s % 60) + "s";
        }
        return s / 3600 + "h " + twoDigits((s % 3600) / 60) + "m";
    }

    // not String.format: the sessions table writes a few hundred of these for its first rows, on the FX thread
    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
