package dev.pendingconsole.cli;

import dev.pendingconsole.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code main}, in its own JVM: exit codes reach the shell and nothing else is printed. Each
 * child gets a data directory of this test's own: the real entry point writes backups and the audit log.
 */
class MainProcessTest {

    @TempDir
    static Path home;

    private record Result(int code, String out, String err) {
    }

    private static Result java(String... args) throws Exception {
        return javaWithout(List.of("REDIS_URL"), args);
    }

    /** The real main in a JVM of its own, with {@code unset} taken out of its environment. */
    private static Result javaWithout(List<String> unset, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pendingconsole.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        unset.forEach(builder.environment()::remove);
        builder.environment().put("PENDING_CONSOLE_HOME", home.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void pushThenCountThroughTheRealMain() throws Exception {
        String url = TestRedis.shared().url();
        Result push = java("--url", url, "--json", "push", "main-process", "--content", "hi");
        assertThat(push.code()).as(push.err()).isZero();
        assertThat(push.out()).contains("\"buffer_length\"");
        Result drain = java("--url", url, "--json", "drain", "main-process", "--yes");
        assertThat(drain.code()).isZero();
        assertThat(drain.out()).contains("\"content\":\"hi\"");
        assertThat(home.resolve("audit.jsonl")).as("the child wrote into this test's directory").exists();
    }

    @Test
    void aRefusedConnectionExitsWithOneAndNoStackTrace() throws Exception {
        Result result = java("--url", "redis://127.0.0.1:1", "count", "x");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("connection refused").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void noCommandAndNoDisplaySaysSoInOneLineAndExitsTwo() throws Exception {
        Result result = javaWithout(List.of("DISPLAY", "WAYLAND_DISPLAY"));
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("error: no display to open the console on").doesNotContain("\n");
    }

    /** Issue 24, finding 4: a warning is a sentence on stderr, never a logger line, even where SPUBLISH is missing. */
    @Test
    void noLoggerLineReachesTheTerminal() throws Exception {
        String url = TestRedis.shared().url();
        Result push = java("--url", url, "--backend", "current", "push", "main-process-tagged", "--content", "hi");
        assertThat(push.code()).as(push.err()).isZero();
        assertThat(push.err()).doesNotContain("WARN", "INFO", "[main]", "dev.pendingconsole.");
    }

    @Test
    void aValidationFailureExitsWithTwo() throws Exception {
        Result result = java("--url", "redis://127.0.0.1:1", "push", "x", "--content", "");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("content must not be empty");
    }
}
