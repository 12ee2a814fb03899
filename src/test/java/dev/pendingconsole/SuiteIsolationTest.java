package dev.pendingconsole;

import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.DataDir;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite never writes into the user's real {@code ~/.local/share/pending-console} or
 * {@code ~/.config/pending-console}: every place a test, or a JVM a test starts, could fall back to is
 * under {@code target/}. Tests that need a directory make their own; this checks the net below them.
 */
class SuiteIsolationTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @Test
    void theDataAndConfigDirectoriesAnyTestFallsBackToAreUnderTarget() {
        Map<String, String> env = System.getenv();
        assertThat(DataDir.locate(env).root().toAbsolutePath().startsWith(TARGET)).isTrue();
        assertThat(ConfigDir.locate(env).root().toAbsolutePath().startsWith(TARGET)).isTrue();
    }

    @Test
    void evenWithoutTheConsolesOwnVariablesTheDefaultsAreUnderTarget() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("PENDING_CONSOLE_HOME");
        assertThat(DataDir.locate(env).root().toAbsolutePath().startsWith(TARGET)).isTrue();
        assertThat(ConfigDir.locate(env).root().toAbsolutePath().startsWith(TARGET)).isTrue();
        env.remove("XDG_DATA_HOME");
        env.remove("XDG_CONFIG_HOME");
        assertThat(Path.of(System.getProperty("user.home")).toAbsolutePath().startsWith(TARGET)).isTrue();
        assertThat(DataDir.locate(env).root().toAbsolutePath().startsWith(TARGET)).isTrue();
        assertThat(ConfigDir.locate(env).root().toAbsolutePath().startsWith(TARGET)).isTrue();
    }

    @Test
    void theRealHomeIsNotWhereTheSuiteWrites() {
        String realHome = System.getenv("HOME");
        if (realHome != null) {
            Path real = Path.of(realHome).toAbsolutePath();
            assertThat(DataDir.locate(System.getenv()).root().toAbsolutePath().startsWith(real.resolve(".local"))).isFalse();
            assertThat(ConfigDir.locate(System.getenv()).root().toAbsolutePath().startsWith(real.resolve(".config"))).isFalse();
        }
    }
}
