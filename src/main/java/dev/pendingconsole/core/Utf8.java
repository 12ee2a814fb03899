package dev.pendingconsole.core;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 of the last few strings asked for, by identity: a schema's prefixes are the same String
 * objects in every copy of it, and a scan asked for their bytes once a key (100,000 encodings a list).
 * The arrays are shared: callers in this package only read them.
 */
final class Utf8 {

    private record Encoded(String text, byte[] bytes) {
    }

    private static final int SLOTS = 4;
    private static final Encoded[] RECENT = new Encoded[SLOTS];
    private static int next;

    private Utf8() {
    }

    static byte[] of(String s) {
        Encoded[] recent = RECENT;
        for (int i = 0; i < SLOTS; i++) {
            Encoded e = recent[i]; // a whole record or null: a race costs an encoding, never a wrong answer
            if (e != null && e.text() == s) {
                return e.bytes();
            }
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        synchronized (RECENT) {
            RECENT[next] = new Encoded(s, bytes);
            next = (next + 1) % SLOTS;
        }
        return bytes;
    }
}
