package dev.pendingconsole.ui.common;

import dev.pendingconsole.ops.Durations;

import java.time.Duration;
import java.util.Optional;

/** How durations read in the console. */
public final class Format {

    private Format() {
    }

    /** "42s", "5m 03s", "2h 10m"; a dash when absent. */
    public static String duration(Optional<Duration> d) {
        return d.map(Durations::compact).orElse("\u2014");
    }
}
