package dev.pendingconsole.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pendingconsole.core.BackendChoice;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PendingMessage;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.RedisTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Connection profiles as JSON in the config directory. Passwords are never written (a URL's password is
 * stripped before saving). A file that cannot be read is moved aside and reported, and the list starts
 * fresh: a broken settings file never stops the console from opening.
 */
public final class ProfileStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public ProfileStore(Path file) {
        this.file = file;
    }

    /** The profiles, and a message when the file was unreadable and was set aside. */
    public record Loaded(List<ConnectionProfile> profiles, String problem) {
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(List.of(), null);
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !root.path("profiles").isArray()) {
                throw new IllegalArgumentException("no \"profiles\" list");
            }
            List<ConnectionProfile> profiles = new ArrayList<>();
            for (JsonNode p : root.get("profiles")) {
                profiles.add(read(p));
            }
            return new Loaded(List.copyOf(profiles), null);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + Instant.now().toEpochMilli());
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                aside = null;
            }
            return new Loaded(List.of(), "The saved profiles could not be read (" + message(e) + "); "
                    + (aside == null ? "" : "the file was moved to " + aside + " and ") + "a fresh list was started.");
        }
    }

    public void save(List<ConnectionProfile> profiles) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("profiles");
        profiles.forEach(p -> list.add(write(p)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save profiles to " + file, e);
        }
    }

    private static ObjectNode write(ConnectionProfile p) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", p.name());
        node.put("url", ConnectionProfile.withoutPassword(p.url()));
        node.put("verify_peer", p.verifyPeer());
        node.put("ca_file", p.caFile());
        node.put("mode", p.mode().name().toLowerCase(Locale.ROOT));
        node.put("read_only", p.readOnly());
        node.put("production", p.production());
        node.put("backend", p.backend().label());
        node.put("notify_stuck_above", p.notifyStuckAbove());
        ObjectNode schema = node.putObject("key_schema");
        KeySchema s = p.schema();
        schema.put("prefix", s.prefix());
        schema.put("layout", s.layout().name().toLowerCase(Locale.ROOT));
        schema.put("cap", s.cap());
        schema.put("ttl_seconds", s.ttl().getSeconds());
        schema.put("meta_prefix", s.metaPrefix());
        schema.put("publish_mode", s.publishMode().name().toLowerCase(Locale.ROOT));
        schema.put("max_content_length", s.maxContentLength());
        return node;
    }

    private static ConnectionProfile read(JsonNode node) {
        JsonNode s = node.path("key_schema");
        KeySchema d = KeySchema.SEED;
        KeySchema schema = new KeySchema(
                s.path("prefix").asText(d.prefix()),
                KeyLayout.valueOf(s.path("layout").asText("plain").toUpperCase(Locale.ROOT)),
                s.path("cap").asInt(d.cap()),
                Duration.ofSeconds(s.path("ttl_seconds").asLong(d.ttl().getSeconds())),
                s.path("meta_prefix").asText(d.metaPrefix()),
                PublishMode.valueOf(s.path("publish_mode").asText("publish").toUpperCase(Locale.ROOT)),
                s.path("max_content_length").asInt(PendingMessage.MAX_CONTENT));
        if (!node.path("name").isTextual() || !node.path("url").isTextual()) {
            throw new IllegalArgumentException("a profile without a name or url");
        }
        return new ConnectionProfile(node.get("name").asText(), node.get("url").asText(),
                node.path("verify_peer").asBoolean(true), node.path("ca_file").isTextual() ? node.get("ca_file").asText() : null,
                RedisTarget.Mode.valueOf(node.path("mode").asText("auto").toUpperCase(Locale.ROOT)), schema,
                node.path("read_only").asBoolean(false), node.path("production").asBoolean(false),
                BackendChoice.parse(node.path("backend").asText("auto")), node.path("notify_stuck_above").asInt(0));
    }

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
