package dev.pendingconsole.core;

import io.lettuce.core.RedisURI;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where to connect: a {@code redis://} or {@code rediss://} URL (user, password and database as lettuce
 * reads them) and how long a command may take. {@link #toString()} never shows the password.
 */
public final class RedisTarget {

    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final RedisURI uri;
    private final String display;

    private RedisTarget(RedisURI uri, String display) {
        this.uri = uri;
        this.display = display;
    }

    /** Parses a URL; a malformed one is an {@link IllegalArgumentException} that does not echo secrets. */
    public static RedisTarget parse(String url) {
        return parse(url, DEFAULT_TIMEOUT);
    }

    public static RedisTarget parse(String url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        String display = redact(url);
        if (!(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw new IllegalArgumentException("not a Redis URL (expected redis:// or rediss://): " + display);
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid Redis URL: " + display);
        }
        uri.setTimeout(timeout);
        return new RedisTarget(uri, display);
    }

    /** A copy for lettuce; callers outside the core never see it. */
    RedisURI lettuceUri() {
        return uri;
    }

    /** host:port, for messages. */
    public String address() {
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
