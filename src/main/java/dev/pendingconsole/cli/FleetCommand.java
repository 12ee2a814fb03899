package dev.pendingconsole.cli;

import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.local.ProfileStore;
import dev.pendingconsole.ops.Fleet;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.Workspace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Command(name = "fleet",
        footer = {"", "Examples:", "  pending fleet", "  pending fleet --json --max-stuck 5"},
        description = {"Look at every saved profile's server at once, read-only: is it well, and where not.", "Each row: reachable or why not, production, buffers, stuck by reason, the oldest waiting"
            + " message, pushes a second. Each server is scanned once at most --max-rate commands a second."
            + " Exits 3 when a server is unreachable or has more stuck buffers than its threshold (the"
            + " profile's stuck alert, else --max-stuck), as check does; 0 otherwise."})
final class FleetCommand extends GlobalOptions.Base {

    @Option(names = "--max-stuck", paramLabel = "N", defaultValue = "0",
            description = "Stuck buffers a server may have, where its profile sets no alert (default ${DEFAULT-VALUE}).")
    long maxStuck;

    @Option(names = "--max-rate", paramLabel = "N", defaultValue = "10000",
            description = "At most about N Redis commands a second per server (default ${DEFAULT-VALUE}, as serve; 0: no"
            + " limit).")
    long maxRate;

    @Override
    public Integer call() {
        if (maxStuck < 0 || maxRate < 0) {
            throw new Cli.UsageException("--max-stuck and --max-rate must not be negative");
        }
        List<ConnectionProfile> profiles = new ProfileStore(ConfigDir.locate(root.env).profiles()).load().profiles();
        if (profiles.isEmpty()) {
            throw new Cli.OperationFailed("no saved profile: 'pending profiles add NAME URL' saves one (the console's"
                    + " Connect dialog too)");
        }
        Output output = output();
        Fleet fleet = new Fleet(DataDir.locate(root.env), ConfigDir.locate(root.env), root.env.get("REDISCLI_AUTH"),
                Duration.ofSeconds(root.options.timeoutSeconds), maxRate);
        List<Fleet.Look> looks = fleet.lookAll(profiles);
        boolean crossed = looks.stream().anyMatch(l -> l.crossed(maxStuck));
        if (output.json) {
            ArrayNode array = output.array();
            looks.forEach(l -> json(array.addObject(), l));
            output.print(array);
        } else {
            looks.forEach(l -> output.out.println(line(l)));
        }
        return crossed ? CheckCommand.CROSSED : Cli.OK;
    }

    private void json(ObjectNode row, Fleet.Look l) {
        row.put("profile", l.profile().name()).put("url", l.profile().url()).put("production", l.profile().production())
                .put("reachable", l.reachable()).put("error", l.failure().orElse(null));
        if (l.reachable()) {
            row.put("buffers", l.health().buffers()).put("messages", l.health().messages()).put("stuck", l.health().stuck());
            ObjectNode reasons = row.putObject("stuck_by_reason");
            for (StuckReason r : StuckReason.values()) {
                reasons.put(r.code(), l.health().stuck(r));
            }
            row.put("oldest_age_seconds", l.health().oldest().map(Duration::toSeconds).orElse(null))
                    .put("oldest_age_exact", l.health().oldestExact());
            if (l.pushesPerSecond().isPresent()) {
                row.put("pushes_per_second", Math.round(l.pushesPerSecond().getAsDouble() * 10) / 10.0);
            } else {
                row.putNull("pushes_per_second");
            }
            row.put("scanned_keys", l.scannedKeys());
        }
        row.put("threshold", l.threshold(maxStuck)).put("crossed", l.crossed(maxStuck))
                .put("scanned_at", l.at().truncatedTo(ChronoUnit.SECONDS).toString()).put("took_seconds", l.took().toSeconds());
    }

    private String line(Fleet.Look l) {
        String name = Output.oneLine(l.profile().name()) + (l.profile().production() ? " [production]" : "");
        if (!l.reachable()) {
            return "UNREACHABLE  " + name + "  " + l.profile().url() + ": " + l.failure().orElse("");
        }
        List<String> parts = new ArrayList<>();
        parts.add(Workspace.count(l.health().buffers(), "buffer", "buffers"));
        String reasons = l.health().stuckByReason();
        parts.add(l.health().stuck() + " stuck" + (reasons.isEmpty() ? "" : " (" + reasons + ")"));
        l.health().oldest().ifPresent(age -> parts.add("oldest " + (l.health().oldestExact() ? "" : "\u2265 ")
                + Output.duration(Optional.of(age))));
        l.pushesPerSecond().ifPresent(r -> parts.add(String.format("%.1f pushes/s", r)));
        return (l.crossed(maxStuck) ? "CROSSED      " : "OK           ") + name + "  " + l.profile().url() + ": "
                + String.join(", ", parts);
    }
}
