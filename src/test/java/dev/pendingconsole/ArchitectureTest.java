package dev.pendingconsole;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependencies point one way: core ← ops ← cli, ui. The core and the operations know nothing of JavaFX
 * (a JVM backend can use them alone), and the CLI and the console never talk to lettuce directly.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/pendingconsole");

    @Test
    void coreAndOpsDoNotDependOnJavaFx() throws IOException {
        assertThat(offending("core", "javafx.", "atlantafx.", "org.controlsfx.")).isEmpty();
        assertThat(offending("ops", "javafx.", "atlantafx.", "org.controlsfx.")).isEmpty();
    }

    @Test
    void dependenciesPointOneWay() throws IOException {
        assertThat(offending("core", "dev.pendingconsole.ops", "dev.pendingconsole.cli", "dev.pendingconsole.ui")).isEmpty();
        assertThat(offending("ops", "dev.pendingconsole.cli", "dev.pendingconsole.ui")).isEmpty();
        assertThat(offending("cli", "dev.pendingconsole.ui")).isEmpty();
        assertThat(offending("ui", "dev.pendingconsole.cli")).isEmpty();
    }

    @Test
    void cliAndUiNeverTalkToLettuce() throws IOException {
        assertThat(offending("cli", "io.lettuce.")).isEmpty();
        assertThat(offending("ui", "io.lettuce.")).isEmpty();
    }

    @Test
    void nothingUsesKeys() throws IOException {
        assertThat(offending("", ".keys(", "\"KEYS\"")).isEmpty();
    }

    private static List<String> offending(String pkg, String... forbidden) throws IOException {
        Path dir = SOURCES.resolve(pkg);
        assertThat(dir).isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    for (String f : forbidden) {
                        if (lines.get(i).contains(f)) {
                            found.add(file + ":" + (i + 1) + " uses " + f);
                        }
                    }
                }
            }
        }
        return found;
    }
}
