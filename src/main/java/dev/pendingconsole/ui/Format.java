package dev.pendingconsole.ui;

import java.time.Duration;
import java.util.Optional;

/** How durations read in the console. */
final class Format {

    private Format() {
    }

    static String duration(Optional<Duration> d) {
        if (d.isEmpty()) {
            return "\u2014";
        }
        long s = d.get().toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
