package dev.pendingconsole.cli;

import dev.pendingconsole.core.InvalidMessageException;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.ops.NoSuchBuffer;
import dev.pendingconsole.ops.write.WriteRefused;

import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command-line entry point. Exit codes: 0 ok, 1 the operation failed (a readable message on
 * stderr, no stack trace), 2 usage error (bad options, a message the backend would refuse, or a
 * destructive command without --yes and no terminal to confirm on).
 */
public final class Cli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, Terminal.system());
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Terminal terminal) {
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = commandLine(args, env, terminal, out);
        cli.setOut(stdout);
        cli.setErr(stderr);
        // a usage error is one line and where to read more, not the whole usage text
        cli.setParameterExceptionHandler((e, given) -> {
            stderr.println("error: " + usageMessage(e.getMessage()));
            if (e instanceof CommandLine.UnmatchedArgumentException u) {
                List<String> suggestions = suggestions(u);
                if (!suggestions.isEmpty()) {
                    stderr.println("did you mean: " + String.join(", ", suggestions) + "?");
                }
            }
            stderr.println("see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            stderr.println("error: " + message(e));
            return exitCode(e);
        });
        int code = cli.execute(args);
        stdout.flush();
        stderr.flush();
        return code;
    }

    /** The command line {@code args} are parsed by: the commands they name, each with only its options. */
    static CommandLine commandLine(String[] args, Map<String, String> env, Terminal terminal, PrintStream out) {
        CommandLine cli = new CommandLine(new RootCommand(env, terminal, out));
        commandsFor(args).forEach(cli::addSubcommand);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // every command answers --help and --version, not only the root
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        // only the options that apply: commands that never connect do not list how to connect
        cli.getSubcommands().forEach((name, sub) -> NOT_APPLICABLE.getOrDefault(name, List.of()).forEach(option -> {
            CommandLine.Model.OptionSpec spec = sub.getCommandSpec().findOption(option);
            if (spec != null) {
                sub.getCommandSpec().remove(spec);
            }
        }));
        return cli;
    }

    /** Global options a command has no use for, left out of its usage (and refused as unknown). */
    private static final List<String> CONNECTING = List.of("--url", "--timeout", "--tls-ca", "--profile", "--ask-pass", "--backend", "--read-only", "--production", "--confirm");
    private static final Map<String, List<String>> NOT_APPLICABLE = Map.of(
            "sandbox", CONNECTING, "bench", CONNECTING, "history", CONNECTING, "backups", CONNECTING, "servers", CONNECTING,
            "fleet", List.of("--url", "--tls-ca", "--profile", "--ask-pass", "--backend", "--read-only", "--production", "--confirm"),
            "completion", Stream.concat(CONNECTING.stream(), Stream.of("--json", "--pretty")).toList(),
            "profiles", List.of("--url", "--timeout", "--tls-ca", "--profile", "--ask-pass", "--confirm"));

    /**
     * The commands a command line names, or all of them when it names none (help, a typo, the console).
     * Picocli reads every registered command's options by reflection, and reading sixteen of them was a
     * fifth of a second of every run: a {@code count} now builds only {@code count}.
     */
    static List<Class<?>> commandsFor(String[] args) {
        Set<String> given = new HashSet<>(Arrays.asList(args));
        List<Class<?>> named = RootCommand.COMMANDS.stream()
                .filter(c -> given.contains(c.getAnnotation(CommandLine.Command.class).name())).toList();
        if (named.isEmpty() && args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return List.of(); // the version names no command
        }
        // completion describes every command
        return named.isEmpty() || given.contains("completion") ? RootCommand.COMMANDS : named;
    }

    /**
     * Picocli's suggestions, after any command the word is an anagram of ("lsit": list), which its
     * similarity measure can rank below a longer neighbour.
     */
    static List<String> suggestions(CommandLine.UnmatchedArgumentException e) {
        List<String> out = new ArrayList<>();
        if (!e.getUnmatched().isEmpty()) {
            String word = sorted(e.getUnmatched().get(0));
            e.getCommandLine().getSubcommands().keySet().stream().filter(name -> sorted(name).equals(word)).forEach(out::add);
        }
        e.getSuggestions().stream().filter(s -> !out.contains(s)).forEach(out::add);
        // "pending push s-1 'hello'": the text of a message is an option's, not a second argument
        if (out.isEmpty() && !e.getUnmatched().isEmpty() && !e.getUnmatched().get(0).startsWith("-")
                && e.getCommandLine().getCommandSpec().findOption("--content") != null) {
            out.add("--content '" + e.getUnmatched().get(0).replace("'", "'\\''") + "'");
        }
        return out;
    }

    private static String sorted(String word) {
        char[] letters = word.toCharArray();
        Arrays.sort(letters);
        return new String(letters);
    }

    /** Picocli's wording, with Java's type names said as a person would. */
    static String usageMessage(String message) {
        String m = message.replaceAll("'([^']*)' is not an? (long|int|integer|short)", "'$1' is not a whole number")
                .replaceAll("'([^']*)' is not a (double|float)", "'$1' is not a number");
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static int exitCode(Exception e) {
        if (e instanceof RedisFailure || e instanceof BackupFile.Unreadable || e instanceof UncheckedIOException
                || e instanceof WriteRefused || e instanceof BackupFile.Refused
                || e instanceof IOException || e instanceof OperationFailed
                || e instanceof NoSuchBuffer) {
            return FAILED;
        }
        if (e instanceof InvalidMessageException || e instanceof UsageException || e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return FAILED;
    }

    private static String message(Exception e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return u.getMessage() + ": " + BackupFile.reason(u.getCause());
        }
        if (e instanceof FileSystemException f) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + BackupFile.reason(f);
        }
        if (e instanceof IOException io) {
            return BackupFile.reason(io);
        }
        if (e instanceof RedisFailure || e instanceof UsageException || e instanceof IllegalArgumentException
                || e instanceof BackupFile.Unreadable || e instanceof OperationFailed || e instanceof WriteRefused
                || e instanceof BackupFile.Refused || e instanceof NoSuchBuffer) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Bad input that picocli cannot see: reported with exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The command ran but did not do what was asked (the buffer changed, say): exit code 1. */
    static final class OperationFailed extends RuntimeException {
        OperationFailed(String message) {
            super(message);
        }
    }
}
