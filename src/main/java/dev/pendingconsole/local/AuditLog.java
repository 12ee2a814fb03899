package dev.pendingconsole.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The append-only record of every write the console makes: one JSON line per action with the time, the
 * OS user and host, the connection (URL without password), the server, the action, the keys, the counts, the
 * backup file and the outcome. Each line is fsync'd before the call returns. Thread-safe.
 */
public final class AuditLog {

    /** Made on first use: a command that writes no JSON never loads Jackson's databind (a CLI start is faster). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** This machine's name, asked once: the audit line says where a write came from. */
    private static final class Host {
        static final String NAME = name();

        private static String name() {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    private final Path file;
    private final String connection;
    private final String server;
    private boolean prepared;

    public AuditLog(Path file, String connection, String server) {
        this.file = file;
        this.connection = connection;
        this.server = server;
    }

    public Path file() {
        return file;
    }

    /**
     * Makes the log's folder, if it is not there yet: before a write runs (a write whose audit line cannot be
     * written must not run), not when the log is opened, so that reads leave no folder behind.
     */
    public synchronized void prepare() {
        if (prepared) {
            return;
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent() + " for the audit log", e);
        }
        prepared = true;
    }

    /** Appends one entry; {@code backup} may be null. */
    public synchronized void record(String action, List<String> keys, Map<String, Long> counts, Path backup,
                                    String outcome) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("os_user", System.getProperty("user.name"));
        line.put("host", Host.NAME);
        line.put("profile", connection);
        line.put("server", server);
        line.put("action", action);
        keys.forEach(line.putArray("keys")::add);
        if (keys.isEmpty()) {
            line.putArray("keys");
        }
        ObjectNode c = line.putObject("counts");
        counts.forEach(c::put);
        if (backup == null) {
            line.putNull("backup");
        } else {
            line.put("backup", backup.toString());
        }
        line.put("outcome", outcome);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        prepare();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            if (tornLastLine()) { // a crash cut the last entry short: start on a fresh line
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
    }

    /**
     * The lines of the writes on {@code session}'s buffer (either layout), oldest first: what a support
     * person asks first ("who touched this, when?"). Lines torn by a crash are skipped. Reads the file.
     */
    public List<JsonNode> history(String session) {
        List<JsonNode> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode node = line.isBlank() ? null : parse(line);
                if (node != null && names(node, session)) {
                    found.add(node);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of(); // nothing was ever written from here
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return found;
    }

    /** One history line for people: "time  user@host  server  action  counts  outcome  backup". */
    public static String describe(JsonNode l) {
        StringBuilder counts = new StringBuilder();
        l.path("counts").fields().forEachRemaining(e ->
                counts.append(counts.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue().asText()));
        return l.path("time").asText() + "  " + l.path("os_user").asText() + "@" + l.path("host").asText("?") + "  "
                + l.path("server").asText() + "  " + l.path("action").asText() + "  " + (counts.length() == 0 ? "-" : counts)
                + "  " + l.path("outcome").asText() + (l.path("backup").isTextual() ? "  backup " + l.path("backup").asText() : "");
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean names(JsonNode line, String session) {
        for (JsonNode key : line.path("keys")) {
            String k = key.asText();
            if (k.endsWith(":" + session) || k.endsWith(":{" + session + "}")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWhole(String line) {
        try {
            return Json.MAPPER.readTree(line) instanceof ObjectNode o && o.has("outcome");
        } catch (IOException e) {
            return false;
        }
    }

    private boolean tornLastLine() throws IOException {
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            if (read.size() == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, read.size() - 1);
            return last.get(0) != '\n';
        }
    }

    /** The last {@code n} lines, oldest first; a torn last line (after a crash) is skipped. */
    public List<String> tail(int n) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            lines.removeIf(l -> !isWhole(l));
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
