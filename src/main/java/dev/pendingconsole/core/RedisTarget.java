package dev.pendingconsole.core;

import io.lettuce.core.RedisURI;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where to connect: a {@code redis://}, {@code rediss://} (TLS) or {@code redis-sentinel://} URL (user,
 * password and database as lettuce reads them), the topology, how long a command may take, and whether
 * writes are allowed. {@link #toString()} never shows the password.
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

    private final RedisURI uri;
    private final String display;
    private final Mode mode;
    private final boolean readOnly;
    private final java.nio.file.Path caFile;

    private RedisTarget(RedisURI uri, String display, Mode mode, boolean readOnly, java.nio.file.Path caFile) {
        this.uri = uri;
        this.display = display;
        this.mode = mode;
        this.readOnly = readOnly;
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
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid Redis URL: " + display);
        }
        uri.setTimeout(timeout);
        return new RedisTarget(uri, display, Mode.AUTO, false, null);
    }

    public RedisTarget withMode(Mode newMode) {
        return new RedisTarget(uri, display, Objects.requireNonNull(newMode), readOnly, caFile);
    }

    /**
     * TLS settings for a {@code rediss://} URL: whether to verify the server's certificate and host name
     * (on by default), and a PEM file of CA certificates to trust instead of the JDK's (null: the JDK's).
     */
    public RedisTarget withTls(boolean verifyPeer, java.nio.file.Path ca) {
        RedisURI copy = RedisURI.builder(uri).build();
        copy.setVerifyPeer(verifyPeer);
        copy.setTimeout(uri.getTimeout());
        return new RedisTarget(copy, display, mode, readOnly, ca);
    }

    /** The CA file to trust, if one was given. */
    public java.util.Optional<java.nio.file.Path> caFile() {
        return java.util.Optional.ofNullable(caFile);
    }

    public boolean isTls() {
        return uri.isSsl();
    }

    /** A copy that refuses every write before it reaches Redis. */
    public RedisTarget readOnly(boolean value) {
        return new RedisTarget(uri, display, mode, value, caFile);
    }

    public Mode mode() {
        return mode;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean isSentinel() {
        return !uri.getSentinels().isEmpty();
    }

    RedisURI lettuceUri() {
        return uri;
    }

    /** host:port (or the Sentinel master's name), for messages. */
    public String address() {
        if (isSentinel()) {
            return "sentinel master " + uri.getSentinelMasterId();
        }
        return uri.getHost() + ":" + uri.getPort();
    }

    public Duration timeout() {
        return uri.getTimeout();
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
