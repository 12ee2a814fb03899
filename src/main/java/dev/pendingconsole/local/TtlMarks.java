package dev.pendingconsole.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TTLs this tool set by hand, so that a seed buffer's age, estimated from its TTL (configured TTL −
 * remaining, since every push re-applies it), is not believed while a hand-set TTL is what remains:
 * setting 600 s on a fresh buffer would otherwise make it read 50 minutes old, and idle. A mark holds
 * until the key's TTL shows a push re-applied it (more remains than the hand-set TTL could have left)
 * or the hand-set TTL has run out. One line per change in {@code ttl-marks.tsv}: server, key (base64),
 * when, the TTL set in ms; lines past their TTL are dropped when the file is next written. Only this
 * machine's changes are known.
 */
public final class TtlMarks {

    /** Clock slack between this machine and Redis, and the time a read takes. */
    private static final long SLACK_MS = 2_000;

    private final Path file;
    /** The file's lines as last read, and when it was modified then: a scan per push need not read it again. */
    private List<String> cached = List.of();
    private FileTime cachedAt;

    public TtlMarks(Path file) {
        this.file = file;
    }

    /** A TTL of {@code ttl} set on {@code key} of {@code server} now. */
    public synchronized void mark(String server, byte[] key, Duration ttl) {
        long now = System.currentTimeMillis();
        List<String> keep = new ArrayList<>();
        for (String line : lines()) {
            Mark m = Mark.parse(line);
            if (m != null && m.until() > now && !(m.server.equals(server) && m.key.equals(encode(key)))) {
                keep.add(line);
            }
        }
        keep.add(server + '\t' + encode(key) + '\t' + now + '\t' + ttl.toMillis());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, keep, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            cached = List.copyOf(keep); // what was just written, whatever the file system's clock resolution
            cachedAt = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The marks still in effect on {@code server}, read once (a scan asks for each buffer). */
    public Known of(String server) {
        long now = System.currentTimeMillis();
        Map<String, Mark> marks = new HashMap<>();
        for (String line : lines()) {
            Mark m = Mark.parse(line);
            if (m != null && m.server.equals(server) && m.until() > now) {
                marks.put(m.key, m);
            }
        }
        return new Known(marks);
    }

    /** The marks of one server. */
    public static final class Known {
        public static final Known NONE = new Known(Map.of());

        private final Map<String, Mark> marks;

        private Known(Map<String, Mark> marks) {
            this.marks = marks;
        }

        /**
         * Whether the TTL {@code remaining} on {@code key} is still the one this tool set (no push since):
         * then an age estimated from it means nothing.
         */
        public boolean handSet(byte[] key, Optional<Duration> remaining) {
            if (marks.isEmpty() || remaining.isEmpty()) {
                return false;
            }
            Mark m = marks.get(encode(key));
            if (m == null) {
                return false;
            }
            long left = m.until() - System.currentTimeMillis(); // what the hand-set TTL can have left now
            return remaining.get().toMillis() <= left + SLACK_MS;
        }
    }

    private record Mark(String server, String key, long at, long ttlMs) {
        long until() {
            return at + ttlMs;
        }

        static Mark parse(String line) {
            String[] f = line.split("\t");
            try {
                return f.length == 4 ? new Mark(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3])) : null;
            } catch (NumberFormatException e) {
                return null; // a damaged line marks nothing
            }
        }
    }

    private synchronized List<String> lines() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(cachedAt)) {
                cached = Files.readAllLines(file, StandardCharsets.UTF_8);
                cachedAt = modified;
            }
            return cached;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of(); // unreadable: no marks, the estimates stand (as before this file existed)
        }
    }

    private static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }
}
