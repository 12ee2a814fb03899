package dev.pendingconsole.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A chat session id, kept as the exact bytes that appear in its Redis key. Ids typed by a person are
 * UTF-8; ids found by a scan may be any bytes, and are then used as found. Glob characters, spaces,
 * newlines and unicode are ordinary characters here: keys are always built, never pattern-matched.
 */
public final class SessionId implements Comparable<SessionId> {

    /**
     * The key's bytes where they are not {@code text}'s UTF-8 (invalid UTF-8 found by a scan); null for
     * nearly every id, whose bytes are its text's: a console holds a million ids, and each kept its bytes
     * twice over (once here, once inside the String).
     */
    private final byte[] bytes;
    private final String text;
    /** Whether text holds a character from U+D800 up, where String's order and the bytes' part ways. */
    private final boolean high;

    /** The id held in {@code source[from, to)}; the range is copied only where the text cannot give it back. */
    private SessionId(byte[] source, int from, int to) {
        if (to <= from) {
            throw new IllegalArgumentException("session id must not be empty");
        }
        this.text = new String(source, from, to - from, StandardCharsets.UTF_8); // decoded once: tables sort on it
        boolean ascii = ascii(source, from, to);
        byte[] exact = ascii ? null : Arrays.copyOfRange(source, from, to);
        this.bytes = ascii || Arrays.equals(text.getBytes(StandardCharsets.UTF_8), exact) ? null : exact;
        this.high = !ascii && text.chars().anyMatch(c -> c >= 0xD800);
    }

    public static SessionId of(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("session id must not be empty");
        }
        int bad = Text.loneSurrogateIndex(id);
        if (bad >= 0) {
            throw new IllegalArgumentException("session id holds a lone surrogate at index " + bad);
        }
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return new SessionId(bytes, 0, bytes.length);
    }

    public static SessionId ofBytes(byte[] bytes) {
        return new SessionId(bytes, 0, bytes.length);
    }

    /** The id that {@code key[from, to)} holds: a scan reads ids out of keys without copying them first. */
    public static SessionId ofBytes(byte[] key, int from, int to) {
        Objects.checkFromToIndex(from, to, key.length);
        return new SessionId(key, from, to);
    }

    public byte[] bytes() {
        return bytes == null ? text.getBytes(StandardCharsets.UTF_8) : bytes.clone();
    }

    /** The bytes, not copied where they are held (callers only read them). */
    byte[] unsafeBytes() {
        return bytes == null ? text.getBytes(StandardCharsets.UTF_8) : bytes;
    }

    /** For display: invalid UTF-8 shows as U+FFFD. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        // two ids of the same bytes are held alike: both as text alone, or both with their bytes
        return o instanceof SessionId other
                && (bytes == null ? other.bytes == null && text.equals(other.text) : Arrays.equals(bytes, other.bytes));
    }

    @Override
    public int hashCode() {
        return bytes == null ? text.hashCode() : Arrays.hashCode(bytes);
    }

    /** The order of the bytes, unsigned (for UTF-8, that is the order of the code points). */
    @Override
    public int compareTo(SessionId o) {
        if (bytes == null && o.bytes == null) {
            return high || o.high ? codePointOrder(text, o.text) : text.compareTo(o.text);
        }
        return Arrays.compareUnsigned(unsafeBytes(), o.unsafeBytes());
    }

    /**
     * UTF-16 strings compared as their UTF-8 bytes would be: by code point. That is String's own order except
     * where a surrogate pair meets a character from U+E000 up, which the pair's code point follows.
     */
    static int codePointOrder(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int x = a.charAt(i);
            int y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    x += x >= 0xE000 ? -0x800 : 0x2000;
                    y += y >= 0xE000 ? -0x800 : 0x2000;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static boolean ascii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text();
    }
}
