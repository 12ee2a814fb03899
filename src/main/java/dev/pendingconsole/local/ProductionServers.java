package dev.pendingconsole.local;

import dev.pendingconsole.core.RedisTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The servers an operator has marked production, remembered by URL (scheme, host, port and database; no
 * user or password) in a text file of the config directory, one per line. Once marked, a server is
 * production for every connection to it, a saved profile, one typed ad hoc or the CLI's, until it is
 * forgotten ({@code pending servers forget URL}).
 */
public final class ProductionServers {

    private final Path file;

    public ProductionServers(ConfigDir config) {
        this.file = config.root().resolve("production-servers.txt");
    }

    public Path file() {
        return file;
    }

    /** What identifies the server: the URL without user and password. */
    static String keyOf(RedisTarget target) {
        return target.toString().replaceFirst("://[^@/]*@", "://");
    }

    public boolean isMarked(RedisTarget target) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.stream().map(String::trim).anyMatch(keyOf(target)::equals);
        } catch (IOException e) {
            return true; // cannot tell: the safer answer
        }
    }

    /** The servers marked, as their lines say (URLs without user or password), in the order marked. */
    public List<String> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim).filter(l -> !l.isEmpty())
                    .distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Forgets the server: production no longer unless flagged again. Returns whether it was marked. */
    public boolean forget(RedisTarget target) {
        List<String> now = list();
        String key = keyOf(target);
        if (!now.contains(key)) {
            return false;
        }
        List<String> kept = now.stream().filter(l -> !l.equals(key)).toList();
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forget " + key + " in " + file, e);
        }
        return true;
    }

    /** Marks the server production from now on. */
    public void mark(RedisTarget target) {
        if (isMarked(target)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, keyOf(target) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember " + keyOf(target) + " as production in " + file, e);
        }
    }
}
