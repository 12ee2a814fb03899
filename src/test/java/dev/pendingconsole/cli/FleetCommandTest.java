package dev.pendingconsole.cli;

import dev.pendingconsole.devtools.LocalRedis;
import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.TestRedis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 25: every saved server at a glance, from the CLI: one reachable with stuck buffers, one healthy, one gone. */
class FleetCommandTest extends SeededCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fleetReportsEverySavedServerAndExitsThreeWhenOneIsUnreachableOrStuck() throws Exception {
        assertThat(cli("fleet").exitCode()).as("no profile saved: nothing to look at").isEqualTo(1);
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        try (LocalRedis empty = LocalRedis.start()) {
            assertThat(cli("profiles", "add", "stuck-one", TestRedis.shared().url()).exitCode()).isZero();
            assertThat(cli("--production", "profiles", "add", "healthy", empty.url()).exitCode()).isZero();
            assertThat(cli("profiles", "add", "gone", "redis://127.0.0.1:" + nobody).exitCode()).isZero();

            CliRun run = cli("--json", "--timeout", "2", "fleet");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(CheckCommand.CROSSED);
            JsonNode rows = JSON.readTree(run.out());
            assertThat(rows).hasSize(3);
            JsonNode stuck = rows.get(0);
            assertThat(stuck.get("profile").asText()).isEqualTo("stuck-one");
            assertThat(stuck.get("reachable").asBoolean()).isTrue();
            assertThat(stuck.get("stuck").asInt()).isPositive();
            assertThat(stuck.get("stuck_by_reason").get("idle").asInt()).isPositive();
            assertThat(stuck.get("oldest_age_seconds").isIntegralNumber()).isTrue();
            assertThat(stuck.get("pushes_per_second").isNumber()).as("listened to while scanned").isTrue();
            assertThat(stuck.get("crossed").asBoolean()).isTrue();
            JsonNode healthy = rows.get(1);
            assertThat(healthy.get("production").asBoolean()).isTrue();
            assertThat(healthy.get("buffers").asInt()).isZero();
            assertThat(healthy.get("crossed").asBoolean()).isFalse();
            JsonNode gone = rows.get(2);
            assertThat(gone.get("reachable").asBoolean()).isFalse();
            assertThat(gone.get("error").asText()).contains("127.0.0.1:" + nobody);
            assertThat(gone.get("crossed").asBoolean()).isTrue();

            CliRun human = cli("--timeout", "2", "fleet");
            assertThat(human.exitCode()).isEqualTo(CheckCommand.CROSSED);
            assertThat(human.out().lines()).hasSize(3);
            assertThat(human.out()).contains("CROSSED      stuck-one", "OK           healthy [production]", "UNREACHABLE  gone");

            assertThat(cli("profiles", "remove", "gone").exitCode()).isZero();
            assertThat(cli("--timeout", "2", "fleet", "--max-stuck", "1000").exitCode()).as("nothing crossed").isZero();
        }
    }
}
