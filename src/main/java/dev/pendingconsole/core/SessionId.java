package dev.pendingconsole.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A chat session id, kept as the exact bytes that appear in its Redis key. Ids typed by a person are
 * UTF-8; ids found by a scan may be any bytes, and are then used as found. Glob characters, spaces,
 * newlines and unicode are ordinary characters here: keys are always built, never pattern-matched.
 */
public final class SessionId implements Comparable<SessionId> {

    private final byte[] bytes;
    private final String text;

    private SessionId(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("session id must not be empty");
        }
        this.bytes = bytes;
        this.text = new String(bytes, StandardCharsets.UTF_8); // decoded once: tables sort on it
    }

    public static SessionId of(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("session id must not be empty");
        }
        int bad = Text.loneSurrogateIndex(id);
        if (bad >= 0) {
            throw new IllegalArgumentException("session id holds a lone surrogate at index " + bad);
        }
        return new SessionId(id.getBytes(StandardCharsets.UTF_8));
    }

    public static SessionId ofBytes(byte[] bytes) {
        return new SessionId(bytes.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    /** For display: invalid UTF-8 shows as U+FFFD. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(SessionId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return text();
    }
}
