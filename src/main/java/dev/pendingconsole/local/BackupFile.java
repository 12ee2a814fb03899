package dev.pendingconsole.local;

import dev.pendingconsole.core.RawPayload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Backups and exports as JSON Lines: a start line {@code {"backup_start":{...}}} saying which server it
 * came from ({@link BackupOrigin}), one object per entry ({@code key}, {@code session}, {@code index},
 * {@code raw}, {@code ttl_ms}, {@code exported_at}; {@code key_base64} / {@code raw_base64} instead when
 * the bytes are not UTF-8), then an end line {@code {"backup_end":{"entries":N}}}. Files are written to
 * a temporary name, fsync'd and then published under their name only if no file has it: an existing
 * file is never replaced (unless the caller says so, as {@code export --force} does), and no directory is
 * ever created. A crash leaves either the whole file or none. A file without its end line, or with any
 * line that does not read back, is refused whole; files from before the start line existed read with an
 * unknown origin.
 */
public final class BackupFile {

    /** Made on first use: a command that writes no JSON never loads Jackson's databind (a CLI start is faster). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private BackupFile() {
    }

    /** A backup file that cannot be used; nothing was restored from it. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }

    /** What a file holds: where it was taken (empty for files older than the start line) and its entries. */
    public record Contents(Optional<BackupOrigin> origin, List<BackupEntry> entries) {
    }

    /** A file that cannot be written where asked (it exists, or its folder does not); nothing was written. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** A file that would be overwritten; nothing was written. */
    public static final class Exists extends Refused {
        public Exists(Path file) {
            super(file + " already exists; it was left as it was (choose another name)");
        }
    }

    /** Refuses a target that exists or whose folder does not, before any work is done. */
    public static void checkWritable(Path target, boolean replace) {
        if ("-".equals(target.toString())) {
            throw new Refused("cannot write to '-': the file is written whole, fsync'd and then put in place, so it"
                    + " needs a file name (standard output is not one)");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            // --force would rename the new file over it: a link (/dev/stdout), a device or a folder is never replaced
            throw new Refused("cannot write " + target + ": it is not a regular file (a link, a folder or a device);"
                    + " it was left as it was");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new Refused("cannot write " + target + ": no such directory " + dir + " (it is not created for you)");
        }
        if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new Exists(target);
        }
    }

    /**
     * How a file names the session of a key (its {@code session} field, for people reading it): the caller
     * knows the key layout; empty for a key that is not a buffer's.
     */
    @FunctionalInterface
    public interface SessionNames {
        Optional<String> of(byte[] key);
    }

    public static Path write(Path target, List<BackupEntry> entries, SessionNames sessions, BackupOrigin origin) {
        try (Streaming out = open(target, sessions, origin, false)) {
            for (BackupEntry entry : entries) {
                out.add(entry);
            }
            out.commit();
            return target;
        }
    }

    /** Starts a file that is written entry by entry (an export of millions) and appears only on {@link Streaming#commit}. */
    public static Streaming open(Path target, SessionNames sessions, BackupOrigin origin, boolean replace) {
        checkWritable(target, replace);
        Path temp = target.toAbsolutePath().getParent()
                .resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return new Streaming(target.toString(), new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
                sessions, origin, new Publish(target, temp, channel, replace));
    }

    /**
     * Starts the same lines on a stream the caller owns (standard output, for a pipe): they go out as they
     * are written, and the stream is flushed, never closed. Cut short, they lack the end line, so
     * {@link #read} refuses them whole, as it refuses a truncated file.
     */
    public static Streaming open(Writer stream, String name, SessionNames sessions, BackupOrigin origin) {
        Writer unclosed = new FilterWriter(stream) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        return new Streaming(name, unclosed, sessions, origin, null);
    }

    /**
     * A backup being written, a line at a time. To a file, through a hidden temporary file: {@link #commit}
     * adds the end line, fsyncs and puts it under its name; closing without a commit deletes it, so a
     * cancelled or failed export leaves nothing that looks like a backup. To a stream: the lines go out
     * as written, and the end line only on {@link #commit}.
     */
    public static final class Streaming implements AutoCloseable {
        private final String name;
        private final SessionNames sessions;
        private final Writer out;
        /** How a file takes its name; none for a stream the caller owns. */
        private final Publish publish;
        private long entries;
        private boolean committed;

        private Streaming(String name, Writer writer, SessionNames sessions, BackupOrigin origin, Publish publish) {
            this.name = name;
            this.sessions = sessions;
            this.publish = publish;
            this.out = new BufferedWriter(writer);
            ObjectNode start = Json.MAPPER.createObjectNode();
            ObjectNode o = start.putObject("backup_start");
            o.put("server", origin.address());
            o.put("identity", origin.identity());
            o.put("profile", origin.profile());
            try {
                out.write(start.toString());
                out.write('\n');
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot write " + name, e);
            }
        }

        public void add(BackupEntry entry) {
            try {
                out.write(line(entry, sessions));
                out.write('\n');
                entries++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + name, e);
            }
        }

        public long entries() {
            return entries;
        }

        /** Writes the end line; a file is then fsync'd and put under its name, a stream flushed. */
        public void commit() {
            try {
                out.write("{\"backup_end\":{\"entries\":" + entries + "}}\n");
                out.flush();
                if (publish != null) {
                    publish.channel.force(true);
                    out.close();
                    publish.publish();
                }
                committed = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + name, e);
            }
        }

        @Override
        public void close() {
            if (committed) {
                return;
            }
            try {
                out.close(); // a stream is flushed, not closed: what went out stays without its end line
            } catch (IOException ignored) {
                // being abandoned anyway
            }
            if (publish != null) {
                try {
                    Files.deleteIfExists(publish.temp);
                } catch (IOException ignored) {
                    // the temp file is left behind; it never looks like a backup
                }
            }
        }
    }

    /** A file's temporary name, and how the finished file takes its own. */
    private record Publish(Path target, Path temp, FileChannel channel, boolean replace) {

        /**
         * Puts the finished temporary file under its name. Without {@code replace}, a hard link does it: it
         * fails when the name exists, atomically, where a rename would silently replace the file (a check
         * first would leave a window). Where links are not supported, the move refuses an existing target.
         */
        void publish() throws IOException {
            if (replace) {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                try {
                    Files.createLink(target, temp);
                    Files.delete(temp);
                } catch (FileAlreadyExistsException e) {
                    throw new Exists(target);
                } catch (UnsupportedOperationException | FileSystemException e) {
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        throw new Exists(target);
                    }
                    Files.move(temp, target);
                }
            }
            syncDirectory(target.toAbsolutePath().getParent());
        }
    }

    /** Why a file operation failed, in words: Java's own message is often just the path again. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Reads a whole file, or refuses it with the line that is wrong. */
    public static Contents read(Path file) {
        List<String> lines;
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            lines = text.lines().toList();
        } catch (CharacterCodingException e) {
            throw new Unreadable(file + " is not a backup: it is not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + reason(e));
        }
        List<BackupEntry> entries = new ArrayList<>();
        BackupOrigin origin = null;
        Long declared = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (declared != null) {
                throw new Unreadable(file + " line " + (i + 1) + ": data after the end line");
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new Unreadable(file + " line " + (i + 1) + ": not JSON (" + e.getOriginalMessage() + ")");
            }
            if (node.has("backup_start")) {
                if (origin != null || !entries.isEmpty()) {
                    throw new Unreadable(file + " line " + (i + 1) + ": a start line after the first");
                }
                JsonNode o = node.get("backup_start");
                origin = new BackupOrigin(o.path("server").asText(""), o.path("identity").asText(""),
                        o.path("profile").asText(""));
                continue;
            }
            if (node.has("backup_end")) {
                declared = node.get("backup_end").path("entries").asLong(-1);
                continue;
            }
            entries.add(entry(file, i + 1, node));
        }
        if (declared == null) {
            throw new Unreadable(file + " is incomplete: its end line is missing (was it truncated?)");
        }
        if (declared != entries.size()) {
            throw new Unreadable(file + " declares " + declared + " entries but holds " + entries.size());
        }
        return new Contents(Optional.ofNullable(origin), entries);
    }

    private static String line(BackupEntry entry, SessionNames sessions) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        putBytes(node, "key", entry.key());
        sessions.of(entry.key()).ifPresent(session -> node.put("session", session));
        node.put("index", entry.index());
        putBytes(node, "raw", entry.raw().bytes());
        if (entry.ttl().isPresent()) {
            node.put("ttl_ms", entry.ttl().get().toMillis());
        } else {
            node.putNull("ttl_ms");
        }
        node.put("exported_at", entry.exportedAt().toString());
        return node.toString();
    }

    private static void putBytes(ObjectNode node, String field, byte[] bytes) {
        Optional<String> text = RawPayload.of(bytes).utf8();
        if (text.isPresent()) {
            node.put(field, text.get());
        } else {
            node.put(field + "_base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    private static BackupEntry entry(Path file, int line, JsonNode node) {
        try {
            byte[] key = bytes(node, "key");
            byte[] raw = bytes(node, "raw");
            if (key == null || raw == null || !node.path("index").canConvertToLong()) {
                throw new Unreadable(file + " line " + line + ": not a backup entry (key, index and raw are required)");
            }
            JsonNode ttl = node.path("ttl_ms");
            Optional<Duration> ttlValue = ttl.isNumber() ? Optional.of(Duration.ofMillis(ttl.asLong())) : Optional.empty();
            Instant at = node.hasNonNull("exported_at") ? Instant.parse(node.get("exported_at").asText()) : Instant.EPOCH;
            return new BackupEntry(key, node.get("index").asLong(), RawPayload.of(raw), ttlValue, at);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new Unreadable(file + " line " + line + ": " + e.getMessage());
        }
    }

    private static byte[] bytes(JsonNode node, String field) {
        if (node.hasNonNull(field) && node.get(field).isTextual()) {
            return node.get(field).asText().getBytes(StandardCharsets.UTF_8);
        }
        if (node.hasNonNull(field + "_base64")) {
            return Base64.getDecoder().decode(node.get(field + "_base64").asText());
        }
        return null;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can open a directory; the rename itself is still atomic
        }
    }
}
