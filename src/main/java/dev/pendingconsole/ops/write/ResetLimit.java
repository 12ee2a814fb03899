package dev.pendingconsole.ops.write;

import dev.pendingconsole.ops.RateLimitCounter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deleting a user's push counter, which lifts the rate limit at once. No backup and no Undo: the counter
 * is a count, not a message, and it expires within its 60-second window anyway.
 *
 * @param user the user whose counter goes
 */
public record ResetLimit(String user) implements Write<Boolean> {

    @Override
    public WritePlan<Boolean> plan(Writes w) {
        Optional<RateLimitCounter> now = w.reads.rateLimit(user);
        WritePlan.Builder plan = WritePlan.of(WritePlan.Kind.RESET_LIMIT, List.of(), user, "user")
                .summary(now.map(c -> "Reset the push counter of " + user + " (" + c.count() + "/" + RateLimitCounter.LIMIT
                        + ", window " + Previews.ttl(c.windowLeft()) + " left): the limit lifts now; no backup, no Undo")
                        .orElse(user + " has no push counter: nothing to reset"));
        if (now.isPresent()) {
            plan.changes();
        }
        return plan.run(() -> reset(w));
    }

    private boolean reset(Writes w) {
        byte[] key = (w.schema.prefix() + "calls:" + user).getBytes(StandardCharsets.UTF_8);
        boolean existed = w.write("reset the rate limit of " + user, r -> r.del(key)) > 0;
        w.audit.record("reset-rate-limit", List.of(new String(key, StandardCharsets.UTF_8)),
                Map.of("deleted", existed ? 1L : 0L), null, "done");
        return existed;
    }
}
