package dev.pendingconsole.cli;

import dev.pendingconsole.core.BackendGeneration;
import dev.pendingconsole.core.Decimal;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.OtherKey;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.TurnStatus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JSON document of {@code list --json}: each buffer an object of "buffers", each other key one of
 * "other_keys". On one line (not --pretty, not --limit) it is encoded while the scan runs, each buffer and
 * other key as its page arrives, while the server works on the batches queued behind that page; once the
 * buffers are sorted, the document is their bytes copied out in order. Written after the scan, 100,000
 * buffers' 40 MB took 0.27-0.41 s of a list; copied out, 60-80 ms. Those rows are written as bytes by
 * {@link Row}, exactly as Jackson's generator writes them ({@link #writeDocument}, the path of --pretty and
 * --limit; ListJsonTest holds the two to the same document on odd ids, keys and numbers).
 */
final class ListJson {

    /** Bytes of encoded rows held at most, by default; rows past it are encoded as they are written. */
    static final long HELD_AT_MOST = 256L << 20;

    private static final byte[] BUFFERS = ascii("{\"buffers\":["), OTHER_KEYS = ascii("],\"other_keys\":["),
            SCANNED_KEYS = ascii("],\"scanned_keys\":"), BUFFERS_FOUND = ascii(",\"buffers_found\":"), END = ascii("}");

    private final Row row = new Row();
    private final Chunks held = new Chunks();
    /** Where each buffer's object is held, in the order {@link #add} was given them. */
    private final Places buffers = new Places();
    /** Where each other key's object is held, in the order they came. */
    private final Places others = new Places();

    private final long heldAtMost;

    /*
     * All that is kept of each buffer besides its bytes: its id's bytes and whether it is stuck, for the sort.
     * Kept as summaries, 100,000 buffers were half a million objects that every young collection of a list
     * copied (and 111,000 other keys 200,000 more): 0.19 s of pauses. Rows past the bytes held at most keep
     * their summary or other key, to be encoded when written.
     */
    private byte[][] ids = new byte[1024][];
    private boolean[] stuck = new boolean[1024];
    private final List<BufferSummary> lateBuffers = new ArrayList<>();
    private final List<OtherKey> lateOthers = new ArrayList<>();

    ListJson(long heldAtMost) {
        this.heldAtMost = heldAtMost;
    }

    /**
     * The next buffer the list keeps, and the next other key: each one's position in the lists later given
     * to {@link #writeTo} is the count added before it. Past the bytes held at most, a row is only counted,
     * and encoded when it is written.
     */
    void add(BufferSummary b) {
        int at = buffers.count;
        if (at == ids.length) {
            ids = Arrays.copyOf(ids, at * 2);
            stuck = Arrays.copyOf(stuck, at * 2);
        }
        ids[at] = b.session().bytes();
        stuck[at] = b.isStuck();
        hold(buffers, ListJson::bufferRow, b, lateBuffers);
    }

    void addOther(OtherKey o) {
        hold(others, ListJson::otherRow, o, lateOthers);
    }

    /** Holds the row's bytes, or, past the bytes held at most, the row itself in {@code late}. */
    private <T> void hold(Places places, Encoder<T> encoder, T value, List<T> late) {
        if (held.size >= heldAtMost) {
            places.add(-1, -1);
            late.add(value);
            return;
        }
        row.length = 0;
        encoder.encode(row, value);
        places.add(held.append(row.bytes, row.length), row.length);
    }

    /** The buffers' positions in the order a list prints them (see {@link ListCommand#stuckFirstOrder}). */
    int[] order() {
        return ListCommand.stuckFirstOrder(buffers.count, i -> stuck[i], i -> ids[i]);
    }

    /** How one kind of row is written, as the bytes the generator would write for it. */
    private interface Encoder<T> {
        void encode(Row row, T value);
    }

    /**
     * The whole document on one line: the buffers added, in {@code order}, then the other keys as added; the
     * same document {@link #writeDocument} writes.
     */
    void writeTo(OutputStream stdout, int[] order, long scanned) throws IOException {
        // System.out flushes on every write: a write call a row was 200,000 system calls
        OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        out.write(BUFFERS);
        for (int i = 0; i < order.length; i++) {
            writeRow(out, i, buffers, order[i], ListJson::bufferRow, lateBuffers);
        }
        out.write(OTHER_KEYS);
        for (int i = 0; i < others.count; i++) {
            writeRow(out, i, others, i, ListJson::otherRow, lateOthers);
        }
        out.write(SCANNED_KEYS);
        out.write(ascii(Long.toString(scanned)));
        out.write(BUFFERS_FOUND);
        out.write(ascii(Integer.toString(buffers.count)));
        out.write(END);
        out.flush();
    }

    /**
     * The {@code index}th element of an array: the row held at {@code at}, or the late row at {@code at}
     * encoded now (rows past the bytes held at most are all late: {@code late} holds them from the first).
     */
    private <T> void writeRow(OutputStream out, int index, Places places, int at, Encoder<T> encoder, List<T> late)
            throws IOException {
        if (index > 0) {
            out.write(',');
        }
        if (places.length[at] >= 0) {
            held.copy(places.at[at], places.length[at], out);
        } else {
            row.length = 0;
            encoder.encode(row, late.get(at - (places.count - late.size())));
            out.write(row.bytes, 0, row.length);
        }
    }

    /**
     * One row's bytes, emptied for the next row, never shrunk: written straight, as the generator writes
     * them (a test holds the two to the same document). Through the generator, encoding was a sixth of a
     * list's Java samples, in a JVM running C1 alone.
     */
    private static final class Row {
        private static final byte[] HEX = ascii("0123456789ABCDEF");
        private static final byte[] NULL = ascii("null");

        byte[] bytes = new byte[1024];
        int length;

        void write(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, length, len);
            length += len;
        }

        void raw(byte[] b) {
            write(b, 0, b.length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        void number(long n) {
            if (n < 0 || n > Integer.MAX_VALUE) {
                raw(ascii(Long.toString(n)));
                return;
            }
            ensure(10);
            length = Decimal.write((int) n, bytes, length);
        }

        /** Whole seconds (rounded down), as the generator writes {@code toSeconds()}; null when absent. */
        void seconds(Optional<Duration> d) {
            if (d.isEmpty()) {
                raw(NULL);
            } else {
                number(d.get().toSeconds());
            }
        }

        void stringOrNull(String s) {
            if (s == null) {
                raw(NULL);
            } else {
                string(s);
            }
        }

        /**
         * A JSON string as Jackson's UTF-8 generator writes it: a quote and a backslash escaped with a
         * backslash, the short escapes for backspace, tab, newline, form feed and return, a six-character
         * unicode escape (upper-case hex) for the other control characters and for each half of a surrogate
         * pair, everything else as its UTF-8.
         */
        void string(String s) {
            int n = s.length();
            ensure(n * 6 + 2);
            byte[] out = bytes;
            int at = length;
            out[at++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                    out[at++] = (byte) c;
                } else if (c < 0x80) {
                    out[at++] = '\\';
                    switch (c) {
                        case '"' -> out[at++] = '"';
                        case '\\' -> out[at++] = '\\';
                        case '\b' -> out[at++] = 'b';
                        case '\t' -> out[at++] = 't';
                        case '\n' -> out[at++] = 'n';
                        case '\f' -> out[at++] = 'f';
                        case '\r' -> out[at++] = 'r';
                        default -> at = unicodeEscape(c, out, at - 1);
                    }
                } else if (c < 0x800) {
                    out[at++] = (byte) (0xc0 | c >> 6);
                    out[at++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isSurrogate(c)) {
                    at = unicodeEscape(c, out, at);
                } else {
                    out[at++] = (byte) (0xe0 | c >> 12);
                    out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                    out[at++] = (byte) (0x80 | c & 0x3f);
                }
            }
            out[at++] = '"';
            length = at;
        }

        private static int unicodeEscape(char c, byte[] out, int at) {
            out[at++] = '\\';
            out[at++] = 'u';
            out[at++] = HEX[c >> 12];
            out[at++] = HEX[c >> 8 & 0xf];
            out[at++] = HEX[c >> 4 & 0xf];
            out[at++] = HEX[c & 0xf];
            return at;
        }
    }

    /**
     * Rows' bytes, one after another in arrays of a megabyte: 100,000 rows were 100,000 arrays of their own,
     * each copied by the young collections that came before it was written (the serial collector puts arrays
     * of this size straight into the old generation with {@code -XX:PretenureSizeThreshold}).
     */
    private static final class Chunks {
        private static final int SIZE = 1 << 20;
        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] current;
        private int fill;
        long size;

        /** Keeps {@code bytes[0, length)} and returns where: the chunk in the high half, the offset in the low. */
        long append(byte[] bytes, int length) {
            if (current == null || fill + length > current.length) {
                current = new byte[Math.max(SIZE, length)];
                chunks.add(current);
                fill = 0;
            }
            System.arraycopy(bytes, 0, current, fill, length);
            long at = (long) (chunks.size() - 1) << 32 | fill;
            fill += length;
            size += length;
            return at;
        }

        void copy(long at, int length, OutputStream out) throws IOException {
            out.write(chunks.get((int) (at >>> 32)), (int) at, length);
        }
    }

    /** Where rows are held: a growing pair of arrays, a length of -1 for a row not held. */
    private static final class Places {
        long[] at = new long[1024];
        int[] length = new int[1024];
        int count;

        void add(long where, int bytes) {
            if (count == at.length) {
                at = Arrays.copyOf(at, count * 2);
                length = Arrays.copyOf(length, count * 2);
            }
            at[count] = where;
            length[count++] = bytes;
        }
    }

    /**
     * The whole document through a generator (indented with --pretty, or cut short by --limit): {@code shown}
     * are positions in {@code buffers}, whose size is the number found.
     */
    static void writeDocument(JsonGenerator g, List<BufferSummary> buffers, int[] shown, List<OtherKey> otherKeys,
                              long scanned) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("buffers");
        for (int i : shown) {
            write(g, buffers.get(i));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("other_keys");
        for (OtherKey o : otherKeys) {
            writeOther(g, o);
        }
        g.writeEndArray();
        g.writeNumberField("scanned_keys", scanned);
        g.writeNumberField("buffers_found", buffers.size());
        g.writeEndObject();
    }

    private static final SerializableString KEY = encoded("key"), TYPE = encoded("type");
    private static final Map<String, SerializableString> TYPES = OtherKey.TYPES.stream()
            .collect(Collectors.toMap(t -> t, ListJson::encoded));

    /** One other key as an object of the list's "other_keys" array. */
    static void writeOther(JsonGenerator g, OtherKey o) throws IOException {
        g.writeStartObject();
        g.writeFieldName(KEY);
        g.writeString(o.keyText());
        g.writeFieldName(TYPE);
        SerializableString type = TYPES.get(o.type());
        if (type != null) {
            g.writeString(type);
        } else {
            g.writeString(o.type());
        }
        writeSeconds(g, TTL_SECONDS, o.ttl());
        g.writeEndObject();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /*
     * A list writes the same few names and values 100,000 times over: each is encoded (quoted, escaped,
     * UTF-8) once here, and copied as bytes after that.
     */
    private static final SerializableString SESSION = encoded("session"), LAYOUT = encoded("layout"),
            GENERATION = encoded("generation"), LENGTH = encoded("length"), TURN_STATUS = encoded("turn_status"),
            USER_ID = encoded("user_id"), UNREADABLE = encoded("unreadable_entries"), STUCK = encoded("stuck"),
            STUCK_REASONS = encoded("stuck_reasons"), STUCK_EXPLANATIONS = encoded("stuck_explanations"), MATCHING = encoded("matching_entries"), HASH_TAG = encoded("hash_tag"),
            PLAIN = encoded("plain"), TTL_SECONDS = encoded("ttl_seconds"), LAST_PUSH_AGE = encoded("last_push_age_seconds"),
            OLDEST_AGE = encoded("oldest_age_seconds"), OLDEST_EXACT = encoded("oldest_age_exact");
    private static final SerializableString[] REASON_CODES = encodedAll(StuckReason::code);
    private static final SerializableString[] REASON_TEXTS = encodedAll(StuckReason::explanation);
    private static final Map<BackendGeneration, SerializableString>
            GENERATIONS = Arrays.stream(BackendGeneration.values()).collect(Collectors.toMap(
                    gen -> gen, gen -> encoded(gen.label()), (x, y) -> x,
                    () -> new EnumMap<>(BackendGeneration.class)));

    private static SerializableString encoded(String s) {
        return new SerializedString(s);
    }

    private static SerializableString[] encodedAll(Function<StuckReason, String> text) {
        return Arrays.stream(StuckReason.values()).map(r -> encoded(text.apply(r)))
                .toArray(SerializableString[]::new);
    }

    /** One buffer as an object of the list's "buffers" array. */
    static void write(JsonGenerator g, BufferSummary b) throws IOException {
        g.writeStartObject();
        g.writeFieldName(SESSION);
        g.writeString(b.session().text());
        g.writeFieldName(LAYOUT);
        g.writeString(b.ref().layout() == KeyLayout.HASH_TAG ? HASH_TAG : PLAIN);
        g.writeFieldName(GENERATION);
        g.writeString(GENERATIONS.get(b.ref().generation()));
        g.writeFieldName(LENGTH);
        g.writeNumber(b.length());
        writeSeconds(g, TTL_SECONDS, b.ttl());
        writeSeconds(g, LAST_PUSH_AGE, b.lastPushAge());
        writeSeconds(g, OLDEST_AGE, b.oldestWait());
        g.writeFieldName(OLDEST_EXACT);
        g.writeBoolean(b.oldestAgeExact());
        TurnStatus turn = b.turn().orElse(null);
        g.writeFieldName(TURN_STATUS);
        g.writeString(turn == null ? null : turn.status());
        g.writeFieldName(USER_ID);
        g.writeString(turn == null ? null : turn.userId());
        g.writeFieldName(UNREADABLE);
        g.writeNumber(b.unreadable());
        Set<StuckReason> reasons = b.stuck(); // in the reasons' order
        g.writeFieldName(STUCK);
        g.writeStartArray();
        for (StuckReason r : reasons) {
            g.writeString(REASON_CODES[r.ordinal()]);
        }
        g.writeEndArray();
        g.writeFieldName(STUCK_REASONS);
        g.writeStartArray();
        for (StuckReason r : reasons) {
            g.writeString(REASON_CODES[r.ordinal()]);
        }
        g.writeEndArray();
        g.writeFieldName(STUCK_EXPLANATIONS);
        g.writeStartArray();
        for (StuckReason r : reasons) {
            g.writeString(REASON_TEXTS[r.ordinal()]);
        }
        g.writeEndArray();
        if (!b.matches().isEmpty()) {
            g.writeFieldName(MATCHING);
            g.writeStartArray();
            for (int i : b.matches()) {
                g.writeNumber(i);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /*
     * The rows' constant parts as the generator writes them: the names with their quotes, colons and the
     * commas before them, and the few values that are always the same.
     */
    private static final byte[] OPEN_SESSION = ascii("{\"session\":"),
            LAYOUT_HASH_TAG = ascii(",\"layout\":\"hash_tag\""), LAYOUT_PLAIN = ascii(",\"layout\":\"plain\""),
            LENGTH_NAME = ascii(",\"length\":"), TTL_NAME = ascii(",\"ttl_seconds\":"),
            AGE_NAME = ascii(",\"last_push_age_seconds\":"),
            OLDEST_NAME = ascii(",\"oldest_age_seconds\":"), OLDEST_EXACT_TRUE = ascii(",\"oldest_age_exact\":true"),
            OLDEST_EXACT_FALSE = ascii(",\"oldest_age_exact\":false"), TURN_NAME = ascii(",\"turn_status\":"),
            USER_NAME = ascii(",\"user_id\":"), UNREADABLE_NAME = ascii(",\"unreadable_entries\":"),
            STUCK_NAME = ascii(",\"stuck\":["), REASONS_NAME = ascii("],\"stuck_reasons\":["),
            EXPLANATIONS_NAME = ascii("],\"stuck_explanations\":["),
            MATCHING_NAME = ascii(",\"matching_entries\":["), OPEN_KEY = ascii("{\"key\":"), TYPE_NAME = ascii(",\"type\":");
    private static final byte[][] GENERATION_PAIRS = Arrays.stream(BackendGeneration.values())
            .map(gen -> quoted(",\"generation\":", GENERATIONS.get(gen))).toArray(byte[][]::new);
    private static final byte[][] QUOTED_CODES = Arrays.stream(REASON_CODES).map(c -> quoted("", c)).toArray(byte[][]::new);
    private static final byte[][] QUOTED_TEXTS = Arrays.stream(REASON_TEXTS).map(t -> quoted("", t)).toArray(byte[][]::new);
    private static final Map<String, byte[]> QUOTED_TYPES = TYPES.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> quoted("", e.getValue())));

    /** {@code before}, then {@code value} in quotes, escaped as the generator escapes it. */
    private static byte[] quoted(String before, SerializableString value) {
        byte[] name = ascii(before);
        byte[] text = value.asQuotedUTF8();
        byte[] out = Arrays.copyOf(name, name.length + text.length + 2);
        out[name.length] = '"';
        System.arraycopy(text, 0, out, name.length + 1, text.length);
        out[out.length - 1] = '"';
        return out;
    }

    /** One buffer's object, as {@link #write} writes it. */
    private static void bufferRow(Row row, BufferSummary b) {
        row.raw(OPEN_SESSION);
        row.string(b.session().text());
        row.raw(b.ref().layout() == KeyLayout.HASH_TAG ? LAYOUT_HASH_TAG : LAYOUT_PLAIN);
        row.raw(GENERATION_PAIRS[b.ref().generation().ordinal()]);
        row.raw(LENGTH_NAME);
        row.number(b.length());
        row.raw(TTL_NAME);
        row.seconds(b.ttl());
        row.raw(AGE_NAME);
        row.seconds(b.lastPushAge());
        row.raw(OLDEST_NAME);
        row.seconds(b.oldestWait());
        row.raw(b.oldestAgeExact() ? OLDEST_EXACT_TRUE : OLDEST_EXACT_FALSE);
        TurnStatus turn = b.turn().orElse(null);
        row.raw(TURN_NAME);
        row.stringOrNull(turn == null ? null : turn.status());
        row.raw(USER_NAME);
        row.stringOrNull(turn == null ? null : turn.userId());
        row.raw(UNREADABLE_NAME);
        row.number(b.unreadable());
        row.raw(STUCK_NAME);
        reasons(row, b.stuck(), QUOTED_CODES);
        row.raw(REASONS_NAME);
        reasons(row, b.stuck(), QUOTED_CODES);
        row.raw(EXPLANATIONS_NAME);
        reasons(row, b.stuck(), QUOTED_TEXTS);
        row.write(']');
        if (!b.matches().isEmpty()) {
            row.raw(MATCHING_NAME);
            for (int i = 0; i < b.matches().size(); i++) {
                if (i > 0) {
                    row.write(',');
                }
                row.number(b.matches().get(i));
            }
            row.write(']');
        }
        row.write('}');
    }

    private static void reasons(Row row, Set<StuckReason> reasons, byte[][] quoted) {
        boolean first = true;
        for (StuckReason r : reasons) { // in the reasons' order
            if (!first) {
                row.write(',');
            }
            row.raw(quoted[r.ordinal()]);
            first = false;
        }
    }

    /** One other key's object, as {@link #writeOther} writes it. */
    private static void otherRow(Row row, OtherKey o) {
        row.raw(OPEN_KEY);
        row.string(o.keyText());
        row.raw(TYPE_NAME);
        byte[] type = QUOTED_TYPES.get(o.type());
        if (type != null) {
            row.raw(type);
        } else {
            row.string(o.type());
        }
        row.raw(TTL_NAME);
        row.seconds(o.ttl());
        row.write('}');
    }

    private static void writeSeconds(JsonGenerator g, SerializableString field,
                                     Optional<Duration> d) throws IOException {
        g.writeFieldName(field);
        if (d.isEmpty()) {
            g.writeNull();
            return;
        }
        g.writeNumber(d.get().toSeconds());
    }

}
