package dev.pendingconsole.cli;

import dev.pendingconsole.support.CliRun;
import dev.pendingconsole.support.ControlledRedis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as a finished tool reads: help whose command list is made of whole sentences, usage errors of one
 * line and a hint, failures a person can act on, and one table of exit codes (0 ok, 1 failed or nothing
 * to act on, 2 usage) that holds for every command.
 */
class CliMessagesTest extends SeededCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> errorLines(CliRun run) {
        return run.err().lines().filter(l -> !l.isBlank()).toList();
    }

    /** Issue 24, findings 6 and 10: a help command, "did you mean", no picocli warning, the POM's version. */
    @Test
    void helpAnswersAsAFinishedToolDoes() {
        CliRun typo = cli("lsit");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean: list");
        assertThat(cli("push", "s", "--conten", "x").err()).contains("did you mean: --content");
        CliRun textAsArgument = cli("push", "s", "it's late");
        assertThat(textAsArgument.exitCode()).isEqualTo(2);
        assertThat(textAsArgument.err()).contains("did you mean: --content 'it'\\''s late'?");
        CliRun help = cli("help", "push");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: pending push");
        for (String command : List.of("serve", "list", "push", "clear", "check")) {
            CliRun usage = cli(command, "--help");
            assertThat(usage.out() + usage.err()).as(command).doesNotContain("WARN", "picocli");
        }
        for (Class<?> command : RootCommand.COMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            assertThat(cli(name, "--help").out()).as(name).contains("Examples:\n  pending ");
        }
        for (String local : List.of("sandbox", "bench", "servers", "completion")) {
            assertThat(cli(local, "--help").out()).as(local + " never connects: no connection options").doesNotContain("[--url", "[--timeout", "  --url=", "  --timeout=");
        }
        assertThat(cli("--version").out().strip()).matches("pending \\d+\\.\\d+\\.\\d+\\S* \\(commit .+\\)");
    }

    /** Issue 24, finding 7: nothing to act on is an error on stderr, once prefixed; stdout stays empty; no file is made. */
    @Test
    void nothingToActOnIsOneErrorLineOnStderrAndNothingOnStdout(@TempDir Path files) {
        Path export = files.resolve("none.jsonl");
        List<String[]> nothing = List.of(
                new String[] {"clear", "--match", "nobody-*", "--yes"},
                new String[] {"drain", "nobody", "--yes"},
                new String[] {"export", "--match", "nobody-*", "--out", export.toString()},
                new String[] {"limits", "--reset", "nobody", "--yes"},
                new String[] {"clear", "demo-healthy-1", "nobody", "--yes"});
        for (String[] args : nothing) {
            CliRun run = cli(args);
            String line = String.join(" ", args);
            assertThat(run.exitCode()).as(line).isEqualTo(1);
            assertThat(errorLines(run)).as(line).last().asString().startsWith("error: ").doesNotStartWith("error: error");
            assertThat(run.out()).as(line).doesNotContain("nothing", "Nothing", "No buffer");
        }
        assertThat(export).as("an export that matches nothing writes no file").doesNotExist();
        assertThat(errorLines(cli("clear", "demo-healthy-2", "nobody", "--yes"))).last().asString()
                .isEqualTo("error: nothing to clear for nobody (the others were cleared)");
    }

    /** Issue 24: completion for bash and zsh, made by picocli from every command; bash reads it without error. */
    @Test
    void completionScriptsNameEveryCommandAndParse(@TempDir Path files) throws Exception {
        CliRun bash = cli("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        for (Class<?> command : RootCommand.COMMANDS) {
            assertThat(bash.out()).contains(command.getAnnotation(CommandLine.Command.class).name());
        }
        assertThat(cli("completion", "zsh").out()).startsWith("#compdef pending");
        assertThat(cli("completion", "fish").exitCode()).isEqualTo(2);
        Path script = Files.writeString(files.resolve("pending.bash"), bash.out());
        Process check = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(check.waitFor()).as(new String(check.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void everyCommandInTheRootHelpIsSummedUpInAWholeSentence() {
        CliRun help = cli("--help");
        assertThat(help.exitCode()).isZero();
        List<String> entries = new ArrayList<>();
        boolean inList = false;
        for (String line : help.out().lines().toList()) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                break;
            } else if (inList && line.matches("  \\S.*")) {
                entries.add(line.trim());
            } else if (inList) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.trim());
            }
        }
        assertThat(entries).hasSizeGreaterThanOrEqualTo(14);
        assertThat(entries).allSatisfy(e -> assertThat(e).as("a whole sentence").endsWith("."));
    }

    /** Each line a description is given as is a whole sentence or more: picocli wraps each line on its own. */
    @Test
    void noHelpTextBreaksASentenceAcrossItsLines() {
        CommandLine root = Cli.commandLine(new String[0], Map.of(), null, new PrintStream(new ByteArrayOutputStream()));
        List<String> broken = new ArrayList<>();
        List<CommandLine> all = new ArrayList<>(List.of(root));
        for (int i = 0; i < all.size(); i++) {
            CommandLine command = all.get(i);
            all.addAll(command.getSubcommands().values().stream().filter(c -> !all.contains(c)).toList());
            List<String[]> texts = new ArrayList<>();
            texts.add(command.getCommandSpec().usageMessage().description());
            command.getCommandSpec().options().forEach(o -> texts.add(o.description()));
            for (String[] text : texts) {
                for (int line = 0; line + 1 < text.length; line++) {
                    if (!text[line].matches(".*[.!?:]\\)?$")) {
                        broken.add(command.getCommandName() + ": " + text[line]);
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void aUsageErrorIsOneLineAndWhereToReadMore() {
        CliRun missing = cli("drain");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(errorLines(missing)).containsExactly("error: missing required parameter: 'SESSION'",
                "see 'pending drain --help'");
        CliRun notNumber = cli("ttl", "demo-healthy-1", "abc");
        assertThat(notNumber.exitCode()).isEqualTo(2);
        assertThat(errorLines(notNumber).get(0)).startsWith("error: ").endsWith("'abc' is not a whole number");
        CliRun badPort = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()), "--url", "redis://127.0.0.1:abc", "count", "x");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(errorLines(badPort)).singleElement().asString().contains("the port must be a number");
    }

    @Test
    void anHttpServerOnThePortIsNamedForWhatItIs() throws Exception {
        HttpServer http = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.start();
        try {
            CliRun run = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()),
                    "--timeout", "3", "--url", "redis://127.0.0.1:" + http.getAddress().getPort(), "count", "x");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(errorLines(run)).singleElement().asString().contains("not in Redis's protocol", "HTTP server");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aMissingPasswordIsSaidAsSuchAndAnUnneededOneIsWarnedAbout() {
        try (ControlledRedis guarded = ControlledRedis.start(List.of("--requirepass", "s3cret"))) {
            CliRun none = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()), "--url", guarded.url(), "count", "x");
            assertThat(none.exitCode()).isEqualTo(1);
            assertThat(errorLines(none)).singleElement().asString().contains("needs a password and none was given", "REDISCLI_AUTH", "--ask-pass")
                    .doesNotContain("console");
        }
        String open = env.get("REDIS_URL").replace("redis://", "redis://:not-needed@");
        CliRun given = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()), "--url", open, "count", "demo-healthy-1");
        assertThat(given.exitCode()).isZero();
        assertThat(given.err()).contains("warning: a password was given, but").contains("needs none")
                .doesNotContain("not-needed");
    }

    @Test
    void aKeyOfAnotherTypeIsNamedWithItsTypeNotTheScriptsInternals() {
        redis.lettuce(r -> r.set("copilot:pending:a-string".getBytes(StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8)));
        CliRun run = cli("push", "a-string", "--content", "hi");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(errorLines(run)).singleElement().asString()
                .isEqualTo("error: copilot:pending:a-string is a string, not a list: it is not a pending buffer (the"
                        + " backend's own push and drain fail on it too); nothing was changed. Removing it (its value backed up):"
                        + " pending remove a-string --wrong-type, or Remove key in the console's inspector");
    }

    @Test
    void aMissingFileIsNamedOnceWithTheReasonBeforeAnyConnection() {
        Path missing = home.resolve("no-such.jsonl");
        CliRun run = CliRun.run(Map.of("PENDING_CONSOLE_HOME", home.toString()), "--url", "redis://127.0.0.1:1",
                "import", missing.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(errorLines(run)).containsExactly("error: cannot read " + missing + ": no such file");
    }

    @Test
    void aMissingBufferIsNothingToActOnForEveryWrite() {
        for (String[] args : List.of(new String[] {"ttl", "nobody", "60", "--yes"}, new String[] {"remove", "nobody", "0", "--yes"},
                new String[] {"drain", "nobody", "--yes"}, new String[] {"clear", "nobody", "--yes"},
                new String[] {"limits", "--reset", "nobody"})) {
            CliRun run = cli(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(1);
        }
        assertThat(cli("count", "nobody").exitCode()).as("a read that finds 0 is an answer").isZero();
    }

    @Test
    void jsonIsOneDocumentPerLineAndPrettyOnRequestAndDrainSaysWhereItsBackupWent() throws Exception {
        CliRun compact = cli("--json", "drain", "demo-healthy-1", "--yes");
        assertThat(compact.exitCode()).as(compact.err()).isZero();
        assertThat(compact.out().strip().lines()).hasSize(1);
        JsonNode drained = JSON.readTree(compact.out());
        assertThat(drained.get("drained").asInt()).isEqualTo(2);
        assertThat(drained.get("messages")).hasSize(2);
        assertThat(Files.exists(Path.of(drained.get("backup").asText()))).isTrue();
        CliRun pretty = cli("--pretty", "count", "demo-healthy-2");
        assertThat(cli("--pretty", "peek", "demo-healthy-2").out().lines().count()).isGreaterThan(3);
        assertThat(pretty.exitCode()).isZero();
    }
}
