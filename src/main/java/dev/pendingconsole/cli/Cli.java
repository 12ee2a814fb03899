package dev.pendingconsole.cli;

import dev.pendingconsole.core.InvalidMessageException;
import dev.pendingconsole.core.RedisFailure;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The command-line entry point. Exit codes: 0 ok, 1 the operation failed (a readable message on
 * stderr, no stack trace), 2 usage error (bad options or a message the backend would refuse).
 */
public final class Cli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        PrintWriter stdout = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter stderr = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = new CommandLine(new RootCommand(env));
        cli.setOut(stdout);
        cli.setErr(stderr);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidMessageException || e instanceof UsageException) {
                stderr.println("error: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof IllegalArgumentException) {
                stderr.println("error: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof RedisFailure f) {
                stderr.println("error: " + f.getMessage());
                return FAILED;
            }
            stderr.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return FAILED;
        });
        int code = cli.execute(args);
        stdout.flush();
        stderr.flush();
        return code;
    }

    /** Bad input that picocli cannot see: reported with exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
