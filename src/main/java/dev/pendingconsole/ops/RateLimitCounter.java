package dev.pendingconsole.ops;

import java.time.Duration;
import java.util.Optional;

/**
 * A user's push counter ({@code copilot:pending:calls:<user>}): pushes in the current window, the time
 * left in it, and whether the user is being refused (over {@link #LIMIT} per {@link #WINDOW}).
 */
public record RateLimitCounter(String user, long count, Optional<Duration> windowLeft) {

    public static final int LIMIT = 30;
    public static final Duration WINDOW = Duration.ofSeconds(60);

    public boolean limited() {
        return count >= LIMIT;
    }
}
