package dev.pendingconsole.cli;

import dev.pendingconsole.support.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pending check} against the sandbox's demo data (14 buffers; stuck: idle 4, no-ttl 1, over-cap 1,
 * unreadable 1; 4 unreadable entries; the oldest message about 20 minutes old): each threshold at its
 * edge holds (exit 0) and one below it is crossed (exit 3); usage errors are 2, an unreachable server 1.
 */
class CheckCommandTest extends SeededCliTest {

    @Test
    void healthyWithoutThresholdsAndTheCountsInJson() throws Exception {
        CliRun run = cli("check");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("OK: 15 buffers, 37 messages, 8 stuck (idle 4, no-ttl 1, over-cap 1, unreadable 1, wrong-type 1)")
                .contains("oldest message");
        JsonNode json = new ObjectMapper().readTree(cli("--json", "check").out());
        assertThat(json.get("status").asText()).isEqualTo("ok");
        assertThat(json.get("stuck_by_reason").get("idle").asInt()).isEqualTo(4);
        assertThat(json.get("unreadable_entries").asInt()).isEqualTo(4);
        assertThat(json.get("oldest_age_seconds").asDouble()).isBetween(19 * 60.0, 21 * 60.0);
    }

    @Test
    void maxStuck() {
        assertThat(cli("check", "--max-stuck", "8").exitCode()).isZero();
        CliRun crossed = cli("check", "--max-stuck", "7");
        assertThat(crossed.exitCode()).isEqualTo(3);
        assertThat(crossed.out()).startsWith("CROSSED: stuck 8 > 7.");
    }

    @Test
    void maxReason() {
        assertThat(cli("check", "--max-reason", "idle=4", "--max-reason", "no-ttl=1").exitCode()).isZero();
        CliRun crossed = cli("check", "--max-reason", "idle=3", "--max-reason", "over-cap=0");
        assertThat(crossed.exitCode()).isEqualTo(3);
        assertThat(crossed.out()).startsWith("CROSSED: idle 4 > 3; over-cap 1 > 0.");
        CliRun bad = cli("check", "--max-reason", "sleepy=1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'sleepy' is not a stuck reason");
    }

    @Test
    void maxUnreadable() {
        assertThat(cli("check", "--max-unreadable", "4").exitCode()).isZero();
        assertThat(cli("check", "--max-unreadable", "3").exitCode()).isEqualTo(3);
    }

    @Test
    void maxAge() {
        assertThat(cli("check", "--max-age", "30m").exitCode()).isZero();
        CliRun crossed = cli("check", "--max-age", "15m");
        assertThat(crossed.exitCode()).isEqualTo(3);
        assertThat(crossed.out()).startsWith("CROSSED: oldest pending message 20m");
        assertThat(cli("check", "--max-age", "1h30m").exitCode()).isZero();
        CliRun bad = cli("check", "--max-age", "soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'soon' is not a duration");
    }

    @Test
    void anUnreachableServerIsOneNotHealthy() {
        CliRun run = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()), "--url", "redis://127.0.0.1:1", "check");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("connection refused");
    }

    @Test
    void aRateLimitedScanSeesTheSame() {
        CliRun paced = cli("check", "--max-rate", "400", "--max-stuck", "8");
        assertThat(paced.exitCode()).as(paced.err()).isZero();
        assertThat(paced.out()).startsWith("OK: 15 buffers, 37 messages, 8 stuck");
        assertThat(cli("check", "--max-rate", "-1").exitCode()).isEqualTo(2);
    }
}
