package dev.pendingconsole.core;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to connect: a {@code redis://}, {@code rediss://} (TLS) or {@code redis-sentinel://} URL (user,
 * password and database as Redis clients read them), the topology, how long a command may take, and
 * whether writes are allowed. {@link #toString()} never shows the password; only the redis package reads
 * {@link #secretUrl()}, to connect. Immutable.
 */
public final class RedisTarget {

    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** How the server is laid out. */
    public enum Mode {
        /** Ask the server: a cluster-enabled node is opened as a cluster. */
        AUTO,
        /** One server (or a Sentinel-managed master, from a redis-sentinel:// URL). */
        STANDALONE,
        /** Redis Cluster: keys are routed by slot and scans visit every master. */
        CLUSTER
    }

    private final String url;
    private final String display;
    private final String address;
    private final Duration timeout;
    private final Mode mode;
    private final boolean readOnly;
    private final boolean verifyPeer;
    private final Path caFile;

    private RedisTarget(String url, String display, String address, Duration timeout, Mode mode, boolean readOnly,
                        boolean verifyPeer, Path caFile) {
        this.url = url;
        this.display = display;
        this.address = address;
        this.timeout = timeout;
        this.mode = mode;
        this.readOnly = readOnly;
        this.verifyPeer = verifyPeer;
        this.caFile = caFile;
    }

    /** Parses a URL; a malformed one is an {@link IllegalArgumentException} that does not echo secrets. */
    public static RedisTarget parse(String url) {
        return parse(url, DEFAULT_TIMEOUT);
    }

    public static RedisTarget parse(String url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        String display = redact(url);
        if (!(url.startsWith("redis://") || url.startsWith("rediss://") || url.startsWith("redis-sentinel://"))) {
            throw new IllegalArgumentException(
                    "not a Redis URL (expected redis://, rediss:// or redis-sentinel://): " + display);
        }
        return new RedisTarget(url, display, addressOf(url, display), timeout, Mode.AUTO, false, true, null);
    }

    /**
     * host:port of a redis:// or rediss:// URL, or "sentinel master NAME" of a redis-sentinel:// one;
     * refuses what has no host, a port that is not a number, or a Sentinel URL without a master name.
     */
    private static String addressOf(String url, String display) {
        String rest = url.substring(url.indexOf("://") + 3);
        int fragment = rest.indexOf('#');
        String master = fragment < 0 ? null : rest.substring(fragment + 1);
        rest = fragment < 0 ? rest : rest.substring(0, fragment);
        if (url.startsWith("redis-sentinel://")) {
            if (master == null || master.isBlank()) {
                int query = rest.indexOf("sentinelMasterId=");
                master = query < 0 ? null : rest.substring(query + "sentinelMasterId=".length()).split("&")[0];
            }
            if (master == null || master.isBlank()) {
                throw new IllegalArgumentException("not a valid Redis URL: a redis-sentinel:// URL names the master"
                        + " after # (redis-sentinel://host:26379/0#mymaster): " + display);
            }
            return "sentinel master " + master;
        }
        String authority = rest.split("[/?]", 2)[0];
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String host = authority;
        String port = "6379";
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']') < colon) {
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("not a valid Redis URL: no host: " + display);
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65_535) {
            throw new IllegalArgumentException("not a valid Redis URL: the port must be a number from 1 to 65535, not '"
                    + port + "': " + display);
        }
        return host + ":" + port;
    }

    public RedisTarget withMode(Mode newMode) {
        return new RedisTarget(url, display, address, timeout, Objects.requireNonNull(newMode), readOnly, verifyPeer, caFile);
    }

    /**
     * TLS settings for a {@code rediss://} URL: whether to verify the server's certificate and host name
     * (on by default), and a PEM file of CA certificates to trust instead of the JDK's (null: the JDK's).
     */
    public RedisTarget withTls(boolean verify, Path ca) {
        return new RedisTarget(url, display, address, timeout, mode, readOnly, verify, ca);
    }

    /** The CA file to trust, if one was given. */
    public Optional<Path> caFile() {
        return Optional.ofNullable(caFile);
    }

    /** Whether the server's certificate and host name are checked (TLS only). */
    public boolean verifyPeer() {
        return verifyPeer;
    }

    public boolean isTls() {
        return url.startsWith("rediss://");
    }

    /** A copy that refuses every write before it reaches Redis. */
    public RedisTarget readOnly(boolean value) {
        return new RedisTarget(url, display, address, timeout, mode, value, verifyPeer, caFile);
    }

    public Mode mode() {
        return mode;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean isSentinel() {
        return url.startsWith("redis-sentinel://");
    }

    /**
     * The URL as given, password included: for opening the connection and nothing else. Never print,
     * log or store it; {@link #toString()} is the form to show.
     */
    /** Whether the URL carries a password ({@code redis://:pw@host}, {@code redis://user:pw@host}). */
    public boolean hasPassword() {
        if (isSentinel()) {
            return false;
        }
        String authority = url.substring(url.indexOf("://") + 3).split("[/?#]", 2)[0];
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? !userInfo.isEmpty() : colon < userInfo.length() - 1;
    }

    /**
     * This target with {@code password} (redis-cli's {@code REDISCLI_AUTH}, a prompt) when its URL carries
     * none; unchanged when it has one, or for a Sentinel URL.
     */
    public RedisTarget withPassword(String password) {
        if (password == null || password.isEmpty() || hasPassword() || isSentinel()) {
            return this;
        }
        int start = url.indexOf("://") + 3;
        String rest = url.substring(start);
        String user = "";
        int at = rest.split("[/?#]", 2)[0].lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String withPassword = url.substring(0, start) + user + ":"
                + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20") + "@" + rest;
        return new RedisTarget(withPassword, display, address, timeout, mode, readOnly, verifyPeer, caFile);
    }

    public String secretUrl() {
        return url;
    }

    /** host:port (or the Sentinel master's name), for messages. */
    public String address() {
        return address;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The URL with any password replaced by {@code ***}. */
    @Override
    public String toString() {
        return display;
    }

    static String redact(String url) {
        try {
            URI parsed = URI.create(url);
            String info = parsed.getRawUserInfo();
            if (info == null) {
                return url;
            }
            int colon = info.indexOf(':');
            String user = colon < 0 ? "" : info.substring(0, colon);
            String replacement = colon < 0 ? "***" : user + ":***";
            return url.replace(info + "@", replacement + "@");
        } catch (RuntimeException e) {
            int at = url.lastIndexOf('@');
            int scheme = url.indexOf("://");
            return at > scheme && scheme >= 0 ? url.substring(0, scheme + 3) + "***" + url.substring(at) : url;
        }
    }
}
