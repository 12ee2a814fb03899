package dev.pendingconsole;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's trimmed runtime (jlink.conf) holds every JDK module this project's own classes use: jdeps
 * reads the compiled classes. (jdk.httpserver, for serve, was once missing: the image's CLI then failed
 * on every command, since picocli builds every command up front.)
 */
class ImageModulesTest {

    @Test
    void jlinkConfHoldsEveryModuleTheClassesNeed() throws Exception {
        Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
        Process p = new ProcessBuilder(jdeps.toString(), "--ignore-missing-deps", "--print-module-deps", "--multi-release", "17",
                "target/classes").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        List<String> needed = Arrays.asList(out.lines().reduce((a, b) -> b).orElse("").split(","));
        String conf = Files.readString(Path.of("jlink.conf"));
        String modules = conf.lines().filter(l -> l.startsWith("--add-modules")).findFirst().orElseThrow()
                .substring("--add-modules".length()).strip();
        assertThat(Arrays.asList(modules.split(","))).containsAll(needed);
    }
}
