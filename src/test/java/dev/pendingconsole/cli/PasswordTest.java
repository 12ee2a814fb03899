package dev.pendingconsole.cli;

import dev.pendingconsole.devtools.LocalRedis;
import dev.pendingconsole.support.CliRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A password the way redis-cli takes one: $REDISCLI_AUTH, never on the command line (issue 24). */
class PasswordTest {

    @TempDir
    Path home;

    @Test
    void rediscliAuthGivesThePasswordAURLWithoutOneLacks() {
        try (LocalRedis server = LocalRedis.start(List.of("--requirepass", "s3cret pass"))) {
            String url = "redis://127.0.0.1:" + server.port();
            CliRun without = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()), "--url", url, "count", "s");
            assertThat(without.exitCode()).isEqualTo(1);
            assertThat(without.err()).contains("password").doesNotContain("\tat ");

            CliRun with = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString(), "REDISCLI_AUTH", "s3cret pass"),
                    "--url", url, "count", "s");
            assertThat(with.exitCode()).as(with.err()).isZero();
            assertThat(with.out().strip()).isEqualTo("0");
            assertThat(with.out() + with.err()).doesNotContain("s3cret");

            CliRun asked = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()), CliRun.answering("s3cret pass"),
                    "--url", url, "--ask-pass", "count", "s");
            assertThat(asked.exitCode()).as(asked.err()).isZero();
            CliRun offered = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()), CliRun.answering("s3cret pass"),
                    "--url", url, "count", "s");
            assertThat(offered.exitCode()).as("the server said NOAUTH: asked on the terminal, once").isZero();
            CliRun noTerminal = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()), "--url", url, "--ask-pass", "count", "s");
            assertThat(noTerminal.exitCode()).isEqualTo(2);
            assertThat(noTerminal.err()).contains("REDISCLI_AUTH");

            CliRun wrong = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString(), "REDISCLI_AUTH", "nope"),
                    "--url", url, "count", "s");
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.err()).contains("password").doesNotContain("nope");
        }
    }
}
