package dev.pendingconsole.cli;

import dev.pendingconsole.devtools.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

@Command(name = "bench", description = {"Measure the console against its targets on a Redis of its own, never yours.",
        "Compares list vs a naive scan and the pipelined bound, core operations vs raw lettuce, the server's cost, and",
        "the console itself (needs a display). Takes a few minutes on 2 cores."})
final class BenchCommand extends GlobalOptions.Base {

    @Option(names = "--buffers", defaultValue = "100000", description = "Buffers to generate (default ${DEFAULT-VALUE}).")
    int buffers;

    @Option(names = "--keys", defaultValue = "300000", description = "Keys in all (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Run only these sections: list, core, console (default: all).")
    java.util.Set<Section> only = java.util.EnumSet.allOf(Section.class);

    enum Section { list, core, console }

    @Override
    public Integer call() {
        Output output = output();
        Bench.Options options = new Bench.Options(buffers, Math.max(keys, buffers), 3, 200_000, 20_000);
        new Bench(options, line -> {
            output.out.println(line);
            output.out.flush();
        }).run(only.stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()), url -> {
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

    /** The console runs in a JVM of its own so that its heap is measured alone. */
    private static void consoleFigures(Output output, String url) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dbench.stalls=" + Boolean.getBoolean("bench.stalls"),
                "-Dprism.order=" + System.getProperty("bench.prism", "es2,sw")));
        String extra = System.getProperty("bench.jvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.pendingconsole.Main", dev.pendingconsole.Main.CONSOLE_BENCH, url));
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
