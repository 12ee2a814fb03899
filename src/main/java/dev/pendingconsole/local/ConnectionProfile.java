package dev.pendingconsole.local;

import dev.pendingconsole.core.BackendChoice;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.RedisTarget;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A saved way to connect: a name, the URL (never with a password: that is asked for each time), TLS
 * settings, the topology, the backend's key schema and generation, and whether the connection is read-only or
 * production. Everything here may be written to disk.
 */
public record ConnectionProfile(String name, String url, boolean verifyPeer, String caFile, RedisTarget.Mode mode,
                                KeySchema schema, boolean readOnly, boolean production, BackendChoice backend,
                                int notifyStuckAbove) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        if (notifyStuckAbove < 0) {
            throw new IllegalArgumentException("the stuck-buffer alert threshold must not be negative (0: off)");
        }
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(schema, "schema");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        RedisTarget.parse(url); // refuses what is not a Redis URL
        url = withoutPassword(url);
        caFile = caFile == null || caFile.isBlank() ? null : caFile;
    }

    /** With the backend detected ({@link BackendChoice#AUTO}). */
    public ConnectionProfile(String name, String url, boolean verifyPeer, String caFile, RedisTarget.Mode mode,
                             KeySchema schema, boolean readOnly, boolean production) {
        this(name, url, verifyPeer, caFile, mode, schema, readOnly, production, BackendChoice.AUTO, 0);
    }

    public ConnectionProfile withBackend(BackendChoice choice) {
        return new ConnectionProfile(name, url, verifyPeer, caFile, mode, schema, readOnly, production, choice, notifyStuckAbove);
    }

    /** A desktop notification when more than {@code above} buffers are stuck, once per crossing (0: never). */
    public ConnectionProfile withStuckAlert(int above) {
        return new ConnectionProfile(name, url, verifyPeer, caFile, mode, schema, readOnly, production, backend, above);
    }

    public static ConnectionProfile of(String name, String url) {
        return new ConnectionProfile(name, url, true, null, RedisTarget.Mode.AUTO, KeySchema.SEED, false, false);
    }

    /** The target to open, with a password given for this session only (null or empty: none). */
    public RedisTarget target(String password, Duration timeout) {
        String full = url;
        if (password != null && !password.isEmpty()) {
            int scheme = url.indexOf("://");
            String rest = url.substring(scheme + 3);
            int at = rest.indexOf('@');
            String user = at < 0 ? "" : rest.substring(0, at);
            String host = at < 0 ? rest : rest.substring(at + 1);
            full = url.substring(0, scheme + 3) + user + ":"
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + host;
        }
        RedisTarget target = RedisTarget.parse(full, timeout).withMode(mode).readOnly(readOnly);
        if (target.isTls()) {
            target = target.withTls(verifyPeer, caFile == null ? null : Path.of(caFile));
        }
        return target;
    }

    public ConnectionProfile withSchema(String prefix, KeyLayout layout, int cap, Duration ttl, String metaPrefix,
                                        PublishMode publish) {
        return new ConnectionProfile(name, url, verifyPeer, caFile, mode,
                new KeySchema(prefix, layout, cap, ttl, metaPrefix, publish, schema.maxContentLength()), readOnly, production,
                backend, notifyStuckAbove);
    }

    /** {@code redis://user:secret@host} becomes {@code redis://user@host}. */
    static String withoutPassword(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        String info = url.substring(scheme + 3, at);
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        return url.substring(0, scheme + 3) + (user.isEmpty() ? "" : user + "@") + url.substring(at + 1);
    }
}
