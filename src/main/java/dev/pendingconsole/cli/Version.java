package dev.pendingconsole.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** "pending 0.1.0-SNAPSHOT (commit 1a2b3c4)": the POM's version and the commit built, filtered in by Maven. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }

    static String line() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/pendingconsole/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version file: said as unknown below
        }
        String version = known(p.getProperty("version"));
        String commit = known(p.getProperty("commit"));
        boolean dirty = "true".equals(p.getProperty("dirty"));
        return "pending " + (version == null ? "(version unknown)" : version)
                + " (commit " + (commit == null ? "unknown" : commit + (dirty ? ", with uncommitted changes" : "")) + ")";
    }

    /** A value Maven filled in, or null for one it left as a placeholder. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }
}
