package dev.pendingconsole.core;

/** Byte-array comparisons for the scan's hot paths. */
public final class Bytes {

    private Bytes() {
    }

    /**
     * Whether {@code bytes} holds {@code part} from {@code at}. Byte by byte: the parts are short (a prefix,
     * a reserved name, a member's name), and a scan asks it several times a key, where {@code Arrays.equals}
     * on ranges cost two range checks and a call into a stub each time under C1.
     */
    public static boolean startsWith(byte[] bytes, int at, byte[] part) {
        if (at < 0 || bytes.length - at < part.length) {
            return false;
        }
        for (int i = 0; i < part.length; i++) {
            if (bytes[at + i] != part[i]) {
                return false;
            }
        }
        return true;
    }
}
