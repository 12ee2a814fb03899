package dev.pendingconsole.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Recognises, in one pass over the bytes, the entries the backends write: pydantic's compact JSON, ASCII,
 * no escapes. A scan reads up to ten entries of every buffer, and building a parser and a message for each
 * was most of a list's decoding time. It answers only for an entry the full decoder certainly accepts;
 * anything else (whitespace, an escape, a byte over 0x7F, a key given twice, a number written unusually,
 * deep nesting, a content that is empty or over the limit) gets null, and {@link MessageCodec#decode}
 * has the last word.
 */
final class CompactEntry {

    private static final byte[] CONTENT = ascii("content");
    private static final byte[] FILE_IDS = ascii("file_ids");
    private static final byte[] CONTEXT = ascii("context");
    private static final byte[] ENQUEUED_AT = ascii("enqueued_at");
    private static final byte[] URL = ascii("url");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    /** Deeper values, longer names and numbers are left to the full decoder and its limits. */
    private static final int MAX_DEPTH = 32;
    private static final int MAX_NAME = 1_000;
    private static final int MAX_NUMBER = 100;

    private final byte[] b;
    private int i;
    private int enqueuedStart = -1;
    private int enqueuedEnd;
    private int nameFrom;
    private int nameTo;

    private CompactEntry(byte[] bytes) {
        this.b = bytes;
    }

    /** The entry's glance when it is one the backend certainly reads, else null (undecided). */
    static Glance glance(byte[] bytes, int maxContent) {
        CompactEntry e = new CompactEntry(bytes);
        if (!e.message(maxContent)) {
            return null;
        }
        return e.enqueuedStart < 0 ? Glance.READABLE
                : new Glance(true, new String(bytes, e.enqueuedStart, e.enqueuedEnd - e.enqueuedStart, StandardCharsets.US_ASCII));
    }

    private boolean message(int maxContent) {
        if (!take('{')) {
            return false;
        }
        boolean content = false;
        boolean fileIds = false;
        boolean context = false;
        boolean enqueued = false;
        do {
            if (!name()) {
                return false;
            }
            if (named(CONTENT)) {
                int start = i;
                if (content || !string()) {
                    return false;
                }
                int length = i - start - 2; // ASCII: bytes are characters
                if (length < 1 || length > maxContent) {
                    return false;
                }
                content = true;
            } else if (named(FILE_IDS)) {
                if (fileIds || !stringList()) {
                    return false;
                }
                fileIds = true;
            } else if (named(CONTEXT)) {
                if (context || !(word(NULL) || pageContext())) {
                    return false;
                }
                context = true;
            } else {
                boolean isEnqueued = named(ENQUEUED_AT);
                int start = i;
                if (isEnqueued && enqueued || !value(1)) {
                    return false;
                }
                if (isEnqueued) {
                    enqueued = true;
                    enqueuedStart = start;
                    enqueuedEnd = i;
                }
            }
        } while (take(','));
        return take('}') && i == b.length && content;
    }

    /** {@code {"url":..,"content":..}}, each a string or null, once at most, nothing else. */
    private boolean pageContext() {
        if (!take('{')) {
            return false;
        }
        if (take('}')) {
            return true;
        }
        boolean url = false;
        boolean content = false;
        do {
            if (!name()) {
                return false;
            }
            if (named(URL) && !url) {
                url = true;
            } else if (named(CONTENT) && !content) {
                content = true;
            } else {
                return false;
            }
            if (!(word(NULL) || string())) {
                return false;
            }
        } while (take(','));
        return take('}');
    }

    private boolean stringList() {
        if (!take('[')) {
            return false;
        }
        if (take(']')) {
            return true;
        }
        do {
            if (!string()) {
                return false;
            }
        } while (take(','));
        return take(']');
    }

    private boolean value(int depth) {
        if (i >= b.length || depth > MAX_DEPTH) {
            return false;
        }
        switch (b[i]) {
            case '"':
                return string();
            case 't':
                return word(TRUE);
            case 'f':
                return word(FALSE);
            case 'n':
                return word(NULL);
            case '[':
                i++;
                if (take(']')) {
                    return true;
                }
                do {
                    if (!value(depth + 1)) {
                        return false;
                    }
                } while (take(','));
                return take(']');
            case '{':
                i++;
                if (take('}')) {
                    return true;
                }
                do {
                    if (!name() || !value(depth + 1)) {
                        return false;
                    }
                } while (take(','));
                return take('}');
            default:
                return number();
        }
    }

    /** A member's name and its colon: a string, not longer than the parser's own limit allows; see {@link #named}. */
    private boolean name() {
        nameFrom = i + 1;
        if (!string()) {
            return false;
        }
        nameTo = i - 1;
        return nameTo - nameFrom <= MAX_NAME && take(':');
    }

    /** A byte array read eight bytes at a time (little-endian; any order finds the same bytes). */
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;

    /**
     * A string of printable ASCII with no escape, its quotes included. Most of a scan's bytes pass through
     * here, and a JVM running the C1 compiler alone keeps no field in a register and checks every array
     * index: the array and the position are locals, and the bytes are read eight at a time while none of
     * them can end the string or spoil it (a quote, a backslash, a byte under 0x20 or over 0x7F); the word
     * that holds one, and what follows, are read byte by byte. About half the time of a byte loop.
     */
    private boolean string() {
        byte[] bytes = b;
        int at = i;
        if (at >= bytes.length || bytes[at] != '"') {
            return false;
        }
        at++;
        for (int last = bytes.length - Long.BYTES; at <= last; at += Long.BYTES) {
            long w = (long) LONGS.get(bytes, at);
            long quote = w ^ QUOTES;
            long backslash = w ^ BACKSLASHES;
            // a byte's high bit, in each term: under 0x20, a quote, a backslash, over 0x7F (a borrow may also
            // mark a byte after one of those; the byte loop below reads that word exactly)
            long marked = ((w - SPACES) & ~w | (quote - ONES) & ~quote | (backslash - ONES) & ~backslash | w) & HIGHS;
            if (marked != 0) {
                break;
            }
        }
        for (; at < bytes.length; at++) {
            byte c = bytes[at];
            if (c == '"') {
                i = at + 1;
                return true;
            }
            if (c < 0x20 || c == '\\') { // a control character, an escape, or a byte over 0x7F (negative)
                return false;
            }
        }
        return false;
    }

    /** JSON's number grammar, strictly: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private boolean number() {
        int start = i;
        take('-');
        if (take('0')) {
            // no leading zeros
        } else if (!digits()) {
            return false;
        }
        if (take('.') && !digits()) {
            return false;
        }
        if (take('e') || take('E')) {
            if (!take('+')) {
                take('-');
            }
            if (!digits()) {
                return false;
            }
        }
        return i - start <= MAX_NUMBER;
    }

    private boolean digits() {
        int start = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i > start;
    }

    private boolean word(byte[] word) {
        if (i + word.length > b.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (b[i + k] != word[k]) {
                return false;
            }
        }
        i += word.length;
        return true;
    }

    private boolean take(char c) {
        if (i < b.length && b[i] == c) {
            i++;
            return true;
        }
        return false;
    }

    /** Whether the last member's name is {@code name} (each member is asked up to four names). */
    private boolean named(byte[] name) {
        return nameTo - nameFrom == name.length && Bytes.startsWith(b, nameFrom, name);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
