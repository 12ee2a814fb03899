package dev.pendingconsole.cli;

import dev.pendingconsole.support.CliRun;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation's commands as written. The README's tour runs in order on a sandbox started by the
 * README's own command, each exit code 0 and each output the shape of the one pasted under it (numbers,
 * spacing and backup names aside; lines in any order, since SCAN's is the server's). Every block marked
 * {@code <!-- runs -->} in docs/ runs too, on a fresh sandbox of its own, with the files it names made
 * first; a command that must fail says so with a trailing {@code # exit N}.
 */
class ReadmeTourTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final Pattern BLOCK = Pattern.compile("<!-- (tour|runs) -->\\n```(?:console|sh)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void theReadmesTourRunsAsWrittenAndPrintsWhatItShows() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(readme.lines().count()).as("the README stays short").isLessThanOrEqualTo(250);
        assertThat(readme).contains("pending sandbox --detach");
        List<String> blocks = blocks(readme, "tour");
        assertThat(blocks).hasSize(1);
        List<Step> steps = steps(blocks.get(0));
        assertThat(steps).hasSizeGreaterThanOrEqualTo(8);
        try (Sandbox sandbox = Sandbox.start(work)) {
            for (Step step : steps) {
                CliRun run = sandbox.run(step.args);
                assertThat(run.exitCode()).as(step.line + "\n" + run.err()).isEqualTo(step.exit);
                assertThat(shape(run.out())).as(step.line).containsExactlyInAnyOrderElementsOf(shape(step.output));
            }
        }
    }

    @Test
    void everyCommandMarkedToRunInDocsRuns() throws Exception {
        List<Path> pages;
        try (var files = Files.list(ROOT.resolve("docs"))) {
            pages = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        int ran = 0;
        for (Path page : pages) {
            for (String block : blocks(Files.readString(page, StandardCharsets.UTF_8), "runs")) {
                try (Sandbox sandbox = Sandbox.start(work.resolve(page.getFileName() + "-" + ran))) {
                    for (Step step : steps(block)) {
                        CliRun run = sandbox.run(step.args);
                        assertThat(run.exitCode()).as(page.getFileName() + ": " + step.line + "\n" + run.err())
                                .isEqualTo(step.exit);
                        ran++;
                    }
                }
            }
        }
        assertThat(ran).as("docs/ shows commands that run").isGreaterThanOrEqualTo(20);
    }

    /**
     * The commands shown for the reader's own servers (Connecting, profiles, production) cannot run here, but
     * each one is a command line the CLI accepts: its command and every option exist, its values parse.
     */
    @Test
    void everyCommandShownAnywhereIsOneTheCliAccepts() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        Pattern shown = Pattern.compile("^(?:\\$ )?(pending [^`|\\n]*)$|`(pending [^`\\n]+)`", Pattern.MULTILINE);
        int parsed = 0;
        for (Path page : pages) {
            Matcher m = shown.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                String line = m.group(1) != null ? m.group(1) : m.group(2);
                List<String> words = words(line);
                if (words.stream().anyMatch(w -> w.contains("...") || w.contains("\u2026") || w.matches("[A-Z_]+|\\[.*"))) {
                    continue; // a synopsis (pending remove SESSION INDEX), not a command
                }
                String[] args = words.subList(1, words.size()).toArray(String[]::new);
                try {
                    Cli.commandLine(args, Map.of(), Terminal.NONE, System.out).parseArgs(args);
                } catch (CommandLine.ParameterException e) {
                    throw new AssertionError(page.getFileName() + ": " + line + ": " + e.getMessage(), e);
                }
                parsed++;
            }
        }
        assertThat(parsed).as("commands shown in README.md and docs/").isGreaterThanOrEqualTo(80);
    }

    private static List<String> blocks(String markdown, String kind) {
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            if (m.group(1).equals(kind)) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /** A command as shown, its words, the exit code it must give, and the output pasted under it (if any). */
    private record Step(String line, List<String> args, int exit, String output) {
    }

    /** "$ pending ..." lines (console blocks, with output under each) or plain "pending ..." lines (sh blocks). */
    private static List<Step> steps(String block) {
        List<Step> steps = new ArrayList<>();
        String line = null;
        StringBuilder output = new StringBuilder();
        for (String raw : block.split("\n")) {
            String text = raw.startsWith("$ ") ? raw.substring(2) : raw;
            if (text.startsWith("pending ")) {
                if (line != null) {
                    steps.add(step(line, output.toString()));
                }
                line = text;
                output.setLength(0);
            } else if (line != null && raw.startsWith("$ ") || raw.isBlank() && line == null) {
                continue;
            } else if (line != null) {
                output.append(raw).append('\n');
            }
        }
        if (line != null) {
            steps.add(step(line, output.toString()));
        }
        return steps;
    }

    private static Step step(String line, String output) {
        int exit = 0;
        Matcher code = Pattern.compile("#\\s*exit (\\d+)").matcher(line);
        if (code.find()) {
            exit = Integer.parseInt(code.group(1));
        }
        List<String> words = words(line);
        return new Step(line, words.subList(1, words.size()), exit, output);
    }

    /** Shell words: single and double quotes, a comment from an unquoted {@code #}. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '#' && word == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * What an output looks like, its numbers, spacing and paths aside: one entry per line, the turn hash's
     * line left out (its fields come in the server's order).
     */
    private static List<String> shape(String output) {
        return output.lines().filter(l -> !l.startsWith("Turn ("))
                .map(l -> l.replaceAll("/\\S*/backups/\\S+\\.jsonl", "<backup>")
                        .replaceAll("/\\S*/(?=[\\w.-]+\\.(jsonl|json|txt))", "").replaceAll("\\d+", "9")
                        .replaceAll("\\s+", " ").strip())
                .toList();
    }

    /** A sandbox started by {@code pending sandbox --detach}, its URL read from what it printed. */
    private static final class Sandbox implements AutoCloseable {
        private final Path dir;
        private final Map<String, String> env = new HashMap<>();
        private final ProcessHandle process;

        private Sandbox(Path dir, String url, ProcessHandle process) {
            this.dir = dir;
            this.process = process;
            env.put("REDIS_URL", url);
            env.put("PENDING_CONSOLE_HOME", dir.resolve("home").toString());
        }

        static Sandbox start(Path dir) throws IOException {
            Files.createDirectories(dir);
            CliRun started = CliRun.run(Map.of("PENDING_CONSOLE_HOME", dir.resolve("home").toString()), "sandbox", "--detach");
            assertThat(started.exitCode()).as(started.err()).isZero();
            Matcher url = Pattern.compile("export REDIS_URL=(\\S+)").matcher(started.out());
            Matcher pid = Pattern.compile("kill (\\d+)").matcher(started.out());
            assertThat(url.find() && pid.find()).as(started.out()).isTrue();
            return new Sandbox(dir, url.group(1), ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow());
        }

        /** Runs a command; a file it names (a plain name with an extension) lives in this sandbox's folder. */
        CliRun run(List<String> args) throws IOException {
            List<String> resolved = new ArrayList<>();
            for (String a : args) {
                if (a.matches("[\\w.-]+\\.(jsonl|json|txt)")) {
                    Path file = dir.resolve(a);
                    if (a.endsWith(".txt") && !Files.exists(file)) {
                        Files.writeString(file, "a note from a file\n"); // a content file the docs name
                    }
                    if (a.endsWith(".json") && !Files.exists(file)) {
                        Files.writeString(file, "{\"content\":\"from a file\",\"file_ids\":[],\"context\":null}");
                    }
                    resolved.add(file.toString());
                } else {
                    resolved.add(a);
                }
            }
            return CliRun.run(env, resolved.toArray(String[]::new));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }
}
