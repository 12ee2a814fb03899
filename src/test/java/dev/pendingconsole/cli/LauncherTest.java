package dev.pendingconsole.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24, finding 12: the README's CLI path is the launcher (target/bin/pending), and it starts the jar
 * with the fast-start flags the runtime image uses, from any folder and through a symlink. The jar here is
 * a probe that prints the flags it got; the launcher is the one {@code mvn package} copies.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {

    @TempDir
    Path dir;

    private Path layout() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("target/bin"));
        Path launcher = bin.resolve("pending");
        Files.copy(Path.of("src/main/dist/pending"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(dir.resolve("target/pending-console.jar"));
             JarOutputStream jar = new JarOutputStream(file, manifest);
             InputStream probe = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            probe.transferTo(jar);
            jar.closeEntry();
        }
        return launcher;
    }

    private String run(Path launcher, Path from, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(from.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theLauncherGivesEachKindOfRunItsFlagsFromAnyFolderAndThroughASymlink() throws Exception {
        Path launcher = layout();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        String list = run(launcher, elsewhere, "--json", "list");
        assertThat(list).contains("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:Tier3BackEdgeThreshold=2000", "args --json list");
        assertThat(run(launcher, elsewhere, "count", "s")).contains("-XX:+UseSerialGC");
        assertThat(run(launcher, elsewhere, "export", "--out", "x.jsonl")).contains("-XX:Tier4BackEdgeThreshold=400000")
                .doesNotContain("TieredStopAtLevel");
        assertThat(run(launcher, elsewhere)).as("the console").contains("-XX:TieredStopAtLevel=1 -XX:MaxGCPauseMillis=50")
                .doesNotContain("UseSerialGC");

        Path link = Files.createSymbolicLink(elsewhere.resolve("pending"), launcher);
        assertThat(run(link, dir, "peek", "s")).contains("-XX:+UseSerialGC", "args peek s");

        Files.writeString(dir.resolve("target/pending-console.jsa"), ""); // beside the jar: the launcher maps it
        assertThat(run(launcher, elsewhere, "count", "s"))
                .contains("-XX:SharedArchiveFile=" + dir.toRealPath().resolve("target/bin/../pending-console.jsa") + " -Xlog:cds=off");
    }
}
