package dev.pendingconsole.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The backup files a test's data directory holds. */
public final class Backups {

    private Backups() {
    }

    /** The files in {@code home}/backups, none when the folder does not exist yet. */
    public static List<Path> in(Path home) {
        Path dir = home.resolve("backups");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
