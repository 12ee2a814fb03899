package dev.pendingconsole.cli;

import dev.pendingconsole.Main;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.devtools.Bench;
import dev.pendingconsole.devtools.LocalRedis;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.SessionScan;
import dev.pendingconsole.ops.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@Command(name = "bench",
        footer = {"", "Examples:", "  pending bench --only list,core", "  Xvfb :99 & DISPLAY=:99 pending bench"}, description = {"Measure the console against its targets on a Redis of its own, never yours.",
        "Compares list with a naive scan and the pipelined bound, core operations with raw Lettuce, the server's cost,"
                + " and the console itself (needs a display). Takes a few minutes on 2 cores."})
final class BenchCommand extends GlobalOptions.Base {

    /**
     * The flags the README and the image's launcher give short commands, list and check: C1 alone, the
     * serial collector, and loops compiled after 2,000 turns instead of 60,000 (a scan's per-batch loops
     * ran interpreted for its first 60 batches, and the sort's and the writing's for most of theirs).
     */
    static final List<String> SHORT_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:Tier3BackEdgeThreshold=2000");

    @Option(names = "--buffers", defaultValue = "100000", description = "Buffers to generate (default ${DEFAULT-VALUE}).")
    int buffers;

    @Option(names = "--keys", defaultValue = "300000", description = "Keys in all (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Run only these sections: list, core, cli, console (default: all).")
    Set<Section> only = EnumSet.allOf(Section.class);

    enum Section { list, core, cli, console }

    @Option(names = "--cluster", description = "Generate the keyspace on a local cluster of 3 masters (Redis 7 when the machine has it)"
            + " instead of one server; the list section then scans the masters in parallel.")
    boolean cluster;

    @Option(names = "--keep", description = "After the sections, keep the server and its keyspace running until Ctrl-C,"
            + " printing its URL: for measuring by hand (time pending --url URL --json list).")
    boolean keep;

    @Override
    public Integer call() {
        Output output = output();
        Bench.Options options = new Bench.Options(buffers, Math.max(keys, buffers), 3, 200_000, 20_000, cluster);
        new Bench(options, line -> {
            output.out.println(line);
            output.out.flush();
        }).run(only.stream().map(Enum::name).collect(Collectors.toSet()), url -> {
            if (only.contains(Section.cli)) {
                cliFigures(output, url, cluster);
            }
            if (keep) {
                output.out.println("keyspace kept at " + url + "; Ctrl-C stops it");
                output.out.flush();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!only.contains(Section.console)) {
                return;
            }
            output.out.println();
            if (System.getenv("DISPLAY") == null && !System.getProperty("os.name", "").matches("(?i).*(mac|win).*")) {
                output.out.println("console: skipped (no DISPLAY; run under Xvfb: Xvfb :99 & DISPLAY=:99 ...)");
                return;
            }
            consoleFigures(output, url);
        });
        return Cli.OK;
    }

    /**
     * The CLI as a person runs it: a whole process each time, JVM start included, from this jar and (when
     * built) from the image; next to redis-cli doing the same work where it is installed. Medians of 3.
     */
    private static void cliFigures(Output output, String url, boolean cluster) {
        output.out.println();
        output.out.println("cli, whole process (JVM start included), median of 3 runs, output to /dev/null:");
        String key = firstBufferKey(url);
        String session = key.substring("copilot:pending:".length());
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jarPath = Path.of(System.getProperty("java.class.path")).toAbsolutePath();
        Path archive = jarPath.resolveSibling("pending-console.jsa");
        Path image = jarPath.getParent().resolve("image/bin/pending");
        Path launcher = jarPath.getParent().resolve("bin/pending"); // the README's path: mvn package writes it
        String[][] commands = {{"--json", "list"}, {"count", session}, {"peek", session}};
        for (String[] command : commands) {
            List<String> args = new ArrayList<>(List.of("--url", url));
            args.addAll(List.of(command));
            List<String> viaJar = new ArrayList<>(List.of(javaBin, "-jar", jarPath.toString()));
            viaJar.addAll(args);
            // the README's launcher (the archive and the flags of docs/performance.md), else those flags by hand
            List<String> tuned = new ArrayList<>();
            if (Files.isExecutable(launcher)) {
                tuned.add(launcher.toString());
            } else {
                tuned.add(javaBin);
                if (Files.isRegularFile(archive)) {
                    tuned.add("-XX:SharedArchiveFile=" + archive);
                }
                tuned.addAll(SHORT_FLAGS);
                tuned.addAll(List.of("-jar", jarPath.toString()));
            }
            tuned.addAll(args);
            double jar = medianSeconds(viaJar);
            double serverBefore = Bench.serverCpuSeconds(url);
            double launched = medianSeconds(tuned);
            double serverPerRun = (Bench.serverCpuSeconds(url) - serverBefore) / 3;
            String line = String.format("  %-12s java -jar %6.2f s   target/bin/pending %6.2f s",
                    String.join(" ", command[0].startsWith("--") ? command : new String[] {command[0]}), jar, launched)
                    + (serverPerRun >= 0.1 && !cluster ? String.format(" (server CPU %.2f s a run)", serverPerRun) : "");
            if (Files.isExecutable(image)) {
                List<String> viaImage = new ArrayList<>(List.of(image.toString()));
                viaImage.addAll(args);
                line += String.format("   image %6.2f s", medianSeconds(viaImage));
            }
            output.out.println(line);
            output.out.flush();
        }
        if (!cluster) { // one master's CPU would say nothing of a cluster's scan
            output.out.println("  (Redis answers on one thread: a list cannot end sooner than the JVM's start, about 0.3 s,"
                    + " plus the server's CPU for it)");
        }
        String port = url.substring(url.lastIndexOf(':') + 1);
        if (LocalRedis.onPath("redis-cli").isPresent()) {
            output.out.printf("  redis-cli, SCAN + LLEN per key (lengths only) %6.2f s; LLEN %6.3f s; LRANGE 0 9 %6.3f s%n",
                    medianSeconds(List.of("sh", "-c", "redis-cli -p " + port + " --scan --pattern 'copilot:pending:*'"
                            + " | sed 's/^/LLEN /' | redis-cli -p " + port)),
                    medianSeconds(List.of("redis-cli", "-p", port, "LLEN", key)),
                    medianSeconds(List.of("redis-cli", "-p", port, "LRANGE", key, "0", "9")));
        } else {
            output.out.println("  redis-cli: not installed, no baseline (apt-get install redis-tools)");
        }
        output.out.flush();
    }

    private static String firstBufferKey(String url) {
        Path scratch; // the bench reads only, and leaves the operator's own data and config folders alone
        try {
            scratch = Files.createTempDirectory("pending-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = Map.of("PENDING_CONSOLE_HOME", scratch.toString());
        try (Workspace ws = Workspace.open(RedisTarget.parse(url),
                KeySchema.SEED, DataDir.locate(env),
                ConfigDir.locate(env), "bench", false)) {
            List<BufferSummary> some = new ArrayList<>();
            ws.scan().run(SessionScan.Options.ALL, page -> {
                if (some.isEmpty() && !page.buffers().isEmpty()) {
                    some.add(page.buffers().get(0));
                }
            }, () -> !some.isEmpty());
            return some.get(0).ref().keyText(KeySchema.SEED);
        } finally {
            deleteQuietly(scratch); // each run left an empty folder in the temporary directory
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder left behind is no failure of the bench
        }
    }


    /** Where the measured commands keep their (empty) data and config folders. */
    private static final Path SCRATCH = Path.of(System.getProperty("java.io.tmpdir"), "pending-bench-cli");

    private static double medianSeconds(List<String> command) {
        double[] runs = new double[3];
        for (int i = 0; i < runs.length; i++) {
            long t0 = System.nanoTime();
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("PENDING_CONSOLE_HOME", SCRATCH.toString()); // not the operator's folders
                Process p = builder.start();
                if (p.waitFor() != 0) {
                    return Double.NaN; // a failed run is no figure (printed as NaN)
                }
            } catch (IOException e) {
                return Double.NaN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
            runs[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(runs);
        return runs[1];
    }

    /**
     * The console runs in a JVM of its own so that its heap is measured alone, with the image launcher's
     * flag for it (C1 only; -Dbench.jvmArgs=-XX:TieredStopAtLevel=4 measures it with C2).
     */
    private static void consoleFigures(Output output, String url) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:MaxGCPauseMillis=50", "-Dbench.stalls=" + Boolean.getBoolean("bench.stalls"),
                "-Dprism.order=" + System.getProperty("bench.prism", "es2,sw")));
        String extra = System.getProperty("bench.jvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.pendingconsole.Main", Main.CONSOLE_BENCH, url));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (Boolean.getBoolean("bench.raw") || line.startsWith("console") || (line.startsWith("  ") && !line.startsWith("  at "))
                            || line.contains("Exception") || line.startsWith("\tat dev.") || (line.contains("[gc]") && line.contains("Pause"))) {
                        output.out.println(line);
                        output.out.flush();
                    }
                }
            }
            p.waitFor(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            output.out.println("console: failed to run (" + e.getMessage() + ")");
        }
    }
}
