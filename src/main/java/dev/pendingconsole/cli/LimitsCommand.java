package dev.pendingconsole.cli;

import dev.pendingconsole.ops.write.ResetLimit;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pendingconsole.ops.RateLimitCounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@Command(name = "limits",
        footer = {"", "Examples:", "  pending limits", "  pending limits --reset user-2 --yes"}, description = {"Show each user's push counter (" + RateLimitCounter.LIMIT
        + " pushes per 60 s window), or reset one."})
final class LimitsCommand extends GlobalOptions.Base {

    @Option(names = "--reset", paramLabel = "USER", description = "Delete this user's counter, lifting the limit now.")
    String reset;

    @Option(names = {"-y", "--yes"}, description = "With --reset: do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() {
        Output output = output();
        try (GlobalOptions.Connection redis = connect()) {
            if (reset != null) {
                boolean existed = redis.ws.write(new ResetLimit(reset), confirmer(yes));
                if (output.json) {
                    output.print(output.object().put("user", reset).put("reset", existed));
                } else if (existed) {
                    output.out.println("Reset the counter of " + reset + ".");
                }
                if (!existed) {
                    throw new Cli.OperationFailed(reset + " has no counter: nothing to reset"); // nothing to act on
                }
                return Cli.OK;
            }
            List<RateLimitCounter> counters = redis.ws.rateLimits();
            if (output.json) {
                ArrayNode array = output.array();
                counters.forEach(c -> array.addObject().put("user", c.user()).put("count", c.count())
                        .put("limit", RateLimitCounter.LIMIT)
                        .put("window_left_seconds", c.windowLeft().map(Duration::toSeconds).orElse(null))
                        .put("limited", c.limited()));
                output.print(array);
            } else if (counters.isEmpty()) {
                output.out.println("No push counters: nobody pushed in the last minute.");
            } else {
                List<List<String>> rows = new ArrayList<>();
                counters.forEach(c -> rows.add(List.of(Output.oneLine(c.user()), c.count() + "/" + RateLimitCounter.LIMIT,
                        Output.duration(c.windowLeft()), c.limited() ? "LIMITED" : "")));
                output.table(List.of("USER", "PUSHES", "WINDOW LEFT", ""), rows);
            }
        }
        return Cli.OK;
    }
}
