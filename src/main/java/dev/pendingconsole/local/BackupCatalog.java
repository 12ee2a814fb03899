package dev.pendingconsole.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The backups in the data folder, newest first, each read whole once: what {@code pending backups} prints
 * and the console's Backups tab shows. Listing writes nothing (not even the folder); a file that does not
 * read back is listed with why, never skipped.
 */
public final class BackupCatalog {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    private BackupCatalog() {
    }

    /**
     * One backup file: its name's time stamp and action, whether the removal it stands for was never
     * confirmed, and (when it reads back) the server it was taken from, its entries and the keys they belong to.
     */
    public record Listed(Path file, String stamp, String action, boolean unconfirmed, Optional<BackupOrigin> origin,
                         int entries, SortedSet<String> keys, Optional<String> unreadable) {

        /** When it was written, from its name; empty for a file named by hand. */
        public Optional<Instant> time() {
            try {
                return Optional.of(LocalDateTime.parse(stamp, STAMP).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        /** Whether it was taken from a server other than {@code here} (unknown origins are not "other"). */
        public boolean fromAnotherServer(BackupOrigin here) {
            return origin.map(o -> !o.sameServerAs(here)).orElse(false);
        }
    }

    /** The folder's backups, newest first; none when the folder does not exist. */
    public static List<Listed> list(DataDir data) {
        Path dir = folder(data);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted((a, b) -> b.getFileName().compareTo(a.getFileName()))
                    .map(BackupCatalog::describe).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + BackupFile.reason(e), e);
        }
    }

    /** Where backups are written (not made here: {@link DataDir#backups()} makes it on the first backup). */
    public static Path folder(DataDir data) {
        return data.root().resolve("backups");
    }

    /** Reads one file for the list. */
    public static Listed describe(Path file) {
        String name = file.getFileName().toString();
        String stamp = name.split("-", 2)[0];
        String action = name.contains("-")
                ? name.substring(name.indexOf('-') + 1).replaceAll("-[0-9a-f]{6}(\\.unconfirmed)?\\.jsonl$", "") : name;
        boolean unconfirmed = name.endsWith(".unconfirmed.jsonl");
        try {
            BackupFile.Contents contents = BackupFile.read(file);
            SortedSet<String> keys = new TreeSet<>();
            contents.entries().forEach(e -> keys.add(e.keyText()));
            return new Listed(file, stamp, action, unconfirmed, contents.origin(), contents.entries().size(), keys,
                    Optional.empty());
        } catch (RuntimeException e) {
            return new Listed(file, stamp, action, unconfirmed, Optional.empty(), 0, new TreeSet<>(),
                    Optional.of(String.valueOf(e.getMessage())));
        }
    }
}
