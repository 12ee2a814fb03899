package dev.pendingconsole.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The training run behind the class-data archives (src/main/dist/make-cds.sh): the commands a person runs
 * most, against a sandbox, in one JVM, so that the archive holds what each of them loads, and the lambda
 * classes they spin, which a scan's first seconds otherwise spend generating and compiling. Output is
 * thrown away. Usage: {@code java -XX:DumpLoadedClassList=LIST -cp JAR dev.pendingconsole.cli.CdsTraining URL}.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) {
        String url = args[0];
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        List<String[]> commands = List.of(
                new String[]{"--url", url, "--json", "peek", "demo-healthy-1"},
                new String[]{"--url", url, "peek", "demo-healthy-1"},
                new String[]{"--url", url, "count", "demo-healthy-1"},
                new String[]{"--url", url, "--json", "list"},
                new String[]{"--url", url, "list"});
        for (String[] command : commands) {
            Cli.run(command, nowhere, nowhere, System.getenv());
        }
    }
}
