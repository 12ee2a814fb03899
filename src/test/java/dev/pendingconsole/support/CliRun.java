package dev.pendingconsole.support;

import dev.pendingconsole.cli.Cli;
import dev.pendingconsole.cli.Terminal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One CLI invocation through the real entry point, with its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {

    /** No terminal: destructive commands need --yes. */
    public static CliRun run(Map<String, String> env, String... args) {
        return run(env, Terminal.NONE, args);
    }

    public static CliRun run(Map<String, String> env, Terminal terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, terminal);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A terminal on which a person answers every question with {@code answer}. */
    public static Terminal answering(String answer) {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String ask(String prompt) {
                return answer;
            }
        };
    }
}
