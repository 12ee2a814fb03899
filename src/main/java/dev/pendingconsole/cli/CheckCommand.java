package dev.pendingconsole.cli;

import dev.pendingconsole.ops.HealthCount;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.Workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "check",
        footer = {"", "Examples:", "  pending check --max-stuck 10 --max-age 30m", "  pending check --max-reason idle=2 --max-unreadable 0 --json"}, description = {"Scan once and say whether the buffers are healthy, for cron, probes and CI.", "Prints one line; exits 0 when no threshold is crossed, 3 when one is, 1 when Redis cannot be"
            + " read, 2 on a usage error. --json gives the counts."})
final class CheckCommand extends GlobalOptions.Base {

    /** A threshold was crossed. */
    static final int CROSSED = 3;

    @Option(names = "--max-stuck", paramLabel = "N", description = "At most N stuck buffers (any reason).")
    Long maxStuck;

    @Option(names = "--max-reason", paramLabel = "REASON=N", description = "At most N buffers stuck for REASON (idle, no-ttl, over-cap, unreadable, wrong-type); repeatable.")
    Map<String, Long> maxReason = new LinkedHashMap<>();

    @Option(names = "--max-unreadable", paramLabel = "N", description = "At most N entries the backend cannot read, in all.")
    Long maxUnreadable;

    @Option(names = "--max-age", paramLabel = "DURATION", description = "No pending message older than this (90s, 15m, 1h30m): exact where entries carry enqueued_at,"
            + " else the last push's age, a lower bound.")
    String maxAge;

    @CommandLine.Mixin
    IdleOption idle;

    @Option(names = "--match", paramLabel = "GLOB", description = "Only sessions matching this Redis glob.")
    String match;

    @Option(names = "--max-rate", paramLabel = "N", defaultValue = "0",
            description = "Send Redis at most about N commands a second (0: as fast as it answers).")
    long maxRate;

    @Override
    public Integer call() {
        Map<StuckReason, Long> reasonLimits = new EnumMap<>(StuckReason.class);
        try {
            maxReason.forEach((code, n) -> reasonLimits.put(StuckReason.ofCode(code), n));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--max-reason: " + e.getMessage());
        }
        Optional<Duration> ageLimit = Optional.ofNullable(maxAge).map(CheckCommand::duration);
        for (Long n : new Long[] {maxStuck, maxUnreadable}) {
            if (n != null && n < 0) {
                throw new Cli.UsageException("a maximum must not be negative");
            }
        }
        if (reasonLimits.values().stream().anyMatch(n -> n < 0)) {
            throw new Cli.UsageException("a maximum must not be negative");
        }
        Output output = output();
        HealthCount health = new HealthCount();
        SessionScan.Progress done;
        try (GlobalOptions.Connection redis = connect()) {
            done = redis.ws.scan().run(ListCommand.withRate(ListCommand.filters(match, List.of(), null, null, idle.minutes()), maxRate),
                    page -> page.buffers().forEach(health::add), () -> false);
        }
        List<String> crossed = new ArrayList<>();
        if (maxStuck != null && health.stuck() > maxStuck) {
            crossed.add("stuck " + health.stuck() + " > " + maxStuck);
        }
        reasonLimits.forEach((reason, n) -> {
            long count = health.stuck(reason);
            if (count > n) {
                crossed.add(reason.code() + " " + count + " > " + n);
            }
        });
        if (maxUnreadable != null && health.unreadable() > maxUnreadable) {
            crossed.add("unreadable entries " + health.unreadable() + " > " + maxUnreadable);
        }
        if (ageLimit.isPresent() && health.oldest().isPresent() && health.oldest().get().compareTo(ageLimit.get()) > 0) {
            crossed.add("oldest pending message " + Output.duration(health.oldest()) + " > " + Output.duration(ageLimit));
        }
        if (output.json) {
            ObjectNode node = output.object().put("status", crossed.isEmpty() ? "ok" : "crossed")
                    .put("buffers", health.buffers()).put("messages", health.messages()).put("stuck", health.stuck())
                    .put("unreadable_entries", health.unreadable()).put("bytes", health.bytes())
                    .put("oldest_age_seconds", health.oldest().map(d -> d.toMillis() / 1000.0).orElse(null))
                    .put("oldest_age_exact", health.oldestExact()).put("scanned_keys", done.scanned());
            ObjectNode reasons = node.putObject("stuck_by_reason");
            for (StuckReason r : StuckReason.values()) {
                reasons.put(r.code(), health.stuck(r));
            }
            crossed.forEach(node.putArray("crossed")::add);
            output.print(node);
        } else {
            StringBuilder line = new StringBuilder(crossed.isEmpty() ? "OK: " : "CROSSED: " + String.join("; ", crossed) + ". ");
            line.append(Workspace.count(health.buffers(), "buffer", "buffers")).append(", ")
                    .append(Workspace.count(health.messages(), "message", "messages")).append(", ")
                    .append(health.stuck()).append(" stuck");
            if (health.stuck() > 0) {
                line.append(" (").append(health.stuckByReason()).append(')');
            }
            health.oldest().ifPresent(age -> line.append(", oldest message ").append(health.oldestExact() ? "" : "\u2265 ")
                    .append(Output.duration(Optional.of(age))));
            output.out.println(line.append('.'));
        }
        return crossed.isEmpty() ? Cli.OK : CROSSED;
    }

    /** "90s", "15m", "1h30m", "2d", or a number of seconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        Matcher m = Pattern.compile("(\\d+)([dhms])").matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        if (end != t.length() || t.isEmpty()) {
            throw new Cli.UsageException("'" + text + "' is not a duration; write it like 90s, 15m or 1h30m");
        }
        return total;
    }
}
