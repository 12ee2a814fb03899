package dev.pendingconsole.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pendingconsole.support.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's quick start as written: a sandbox that returns the prompt, and a CLI that reads it. */
class QuickStartTest {

    @TempDir
    Path home;

    @Test
    void aDetachedSandboxPrintsItsUrlAndPidServesTheDemoAndStopsWhenKilledLeavingNoFileBehind() throws Exception {
        Map<String, String> env = Map.of("PENDING_CONSOLE_HOME", home.toString());
        CliRun started = CliRun.run(env, "--json", "sandbox", "--detach");
        assertThat(started.exitCode()).as(started.err()).isZero();
        JsonNode info = new ObjectMapper().readTree(started.out());
        ProcessHandle sandbox = ProcessHandle.of(info.get("pid").asLong()).orElseThrow();
        assertThat(info.get("server").asText()).as("says which server runs it").contains("Redis ");
        try {
            CliRun count = CliRun.run(Map.of("REDIS_URL", info.get("url").asText(), "PENDING_CONSOLE_HOME", home.toString()),
                    "count", "demo-healthy-1");
            assertThat(count.exitCode()).as(count.err()).isZero();
            assertThat(count.out().trim()).isEqualTo("2");
        } finally {
            sandbox.destroy();
            sandbox.onExit().get(30, TimeUnit.SECONDS);
        }
        CliRun gone = CliRun.run(Map.of("REDIS_URL", info.get("url").asText(), "PENDING_CONSOLE_HOME", home.toString()),
                "--timeout", "2", "count", "demo-healthy-1");
        assertThat(gone.exitCode()).as("stopping it took its server along").isEqualTo(1);
        assertThat(Path.of(info.get("log").asText())).as("and its output file").doesNotExist();
    }
}
