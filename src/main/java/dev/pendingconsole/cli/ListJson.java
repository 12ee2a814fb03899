package dev.pendingconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ops.OtherKey;
import dev.pendingconsole.ops.StuckReason;
import dev.pendingconsole.ops.TurnStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JSON document of {@code list --json}: each buffer an object of "buffers", each other key one of
 * "other_keys". On one line (not --pretty) it is encoded while the scan runs, each buffer and other key
 * as its page arrives, so that work fills the time the scan waits for the server; once the buffers are
 * sorted, the document is their bytes copied out in order. Written after the scan, as before, the
 * 100,000 buffers' 40 MB took 0.3 s of a two-second list; a page's worth of encoding fits in the wait
 * for the next page's replies.
 */
final class ListJson {

    /** Bytes of encoded buffers held at most; buffers past it are encoded as they are written. */
    private static final long HELD_AT_MOST = 256L << 20;

    private static final byte[] BUFFERS = ascii("{\"buffers\":["), OTHER_KEYS = ascii("],\"other_keys\":["),
            SCANNED_KEYS = ascii("],\"scanned_keys\":"), BUFFERS_FOUND = ascii(",\"buffers_found\":"), END = ascii("}");

    private final ByteArrayBuilder row = new ByteArrayBuilder(1024);
    private final JsonGenerator rows;
    private final ByteArrayBuilder others = new ByteArrayBuilder(1 << 16);
    private final JsonGenerator otherRows;
    /** Each buffer's object, in the order {@link #add} was given them; null past {@link #HELD_AT_MOST}. */
    private final List<byte[]> encoded = new ArrayList<>();
    /** The other keys that came past {@link #HELD_AT_MOST}, encoded as they are written. */
    private final List<OtherKey> late = new ArrayList<>();
    private long held;

    ListJson() {
        try {
            rows = Output.Streaming.FACTORY.createGenerator(row, JsonEncoding.UTF8);
            rows.setRootValueSeparator(null); // one object at a time, each its own bytes
            otherRows = Output.Streaming.FACTORY.createGenerator(others, JsonEncoding.UTF8);
            otherRows.setRootValueSeparator(new SerializedString(",")); // the array's elements, one after another
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next buffer the list keeps (its position in the list given to {@link #writeTo} is the count before it). */
    void add(BufferSummary b) {
        encoded.add(full() ? null : encode(b));
    }

    void addOther(OtherKey o) {
        if (full()) {
            late.add(o);
            return;
        }
        try {
            writeOther(otherRows, o);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the list", e);
        }
    }

    private boolean full() {
        return held + others.size() >= HELD_AT_MOST;
    }

    private byte[] encode(BufferSummary b) {
        try {
            row.reset();
            write(rows, b);
            rows.flush();
            byte[] bytes = row.toByteArray();
            held += bytes.length;
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the list", e);
        }
    }

    /** The whole document on one line: {@code buffers} (as added) in {@code order}, the other keys as added. */
    void writeTo(OutputStream stdout, List<BufferSummary> buffers, int[] order, long scanned) throws IOException {
        // System.out flushes on every write: a write call a row was 200,000 system calls
        OutputStream out = new java.io.BufferedOutputStream(stdout, 1 << 16);
        out.write(BUFFERS);
        for (int i = 0; i < order.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            byte[] bytes = encoded.get(order[i]);
            out.write(bytes != null ? bytes : encode(buffers.get(order[i])));
        }
        out.write(OTHER_KEYS);
        for (OtherKey o : late) {
            writeOther(otherRows, o);
            if (others.size() >= 1 << 16) {
                copyOthers(out);
            }
        }
        copyOthers(out);
        out.write(SCANNED_KEYS);
        out.write(ascii(Long.toString(scanned)));
        out.write(BUFFERS_FOUND);
        out.write(ascii(Integer.toString(buffers.size())));
        out.write(END);
        out.flush();
    }

    private void copyOthers(OutputStream out) throws IOException {
        otherRows.flush();
        out.write(others.toByteArray());
        others.reset();
    }

    /** One other key as an object of the list's "other_keys" array. */
    static void writeOther(JsonGenerator g, OtherKey o) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", o.keyText());
        g.writeStringField("type", o.type());
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
            STUCK_REASONS = encoded("stuck_reasons"), MATCHING = encoded("matching_entries"), HASH_TAG = encoded("hash_tag"),
            PLAIN = encoded("plain"), TTL_SECONDS = encoded("ttl_seconds"), LAST_PUSH_AGE = encoded("last_push_age_seconds");
    private static final SerializableString[] REASON_CODES = encodedAll(StuckReason::code);
    private static final SerializableString[] REASON_TEXTS = encodedAll(StuckReason::explanation);
    private static final java.util.Map<dev.pendingconsole.core.BackendGeneration, SerializableString>
            GENERATIONS = java.util.Arrays.stream(dev.pendingconsole.core.BackendGeneration.values()).collect(Collectors.toMap(
                    gen -> gen, gen -> encoded(gen.label()), (x, y) -> x,
                    () -> new java.util.EnumMap<>(dev.pendingconsole.core.BackendGeneration.class)));

    private static SerializableString encoded(String s) {
        return new com.fasterxml.jackson.core.io.SerializedString(s);
    }

    private static SerializableString[] encodedAll(java.util.function.Function<StuckReason, String> text) {
        return java.util.Arrays.stream(StuckReason.values()).map(r -> encoded(text.apply(r)))
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
        TurnStatus turn = b.turn().orElse(null);
        g.writeFieldName(TURN_STATUS);
        g.writeString(turn == null ? null : turn.status());
        g.writeFieldName(USER_ID);
        g.writeString(turn == null ? null : turn.userId());
        g.writeFieldName(UNREADABLE);
        g.writeNumber(b.unreadable());
        java.util.Set<StuckReason> reasons = b.stuck(); // in the reasons' order
        g.writeFieldName(STUCK);
        g.writeStartArray();
        for (StuckReason r : reasons) {
            g.writeString(REASON_CODES[r.ordinal()]);
        }
        g.writeEndArray();
        g.writeFieldName(STUCK_REASONS);
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

    private static void writeSeconds(JsonGenerator g, SerializableString field,
                                     java.util.Optional<Duration> d) throws IOException {
        g.writeFieldName(field);
        if (d.isEmpty()) {
            g.writeNull();
            return;
        }
        long millis = d.get().toMillis();
        char[] text = new char[24];
        int length = seconds(millis, text);
        if (length > 0) {
            g.writeNumber(text, 0, length);
        } else {
            g.writeNumber(millis / 1000.0);
        }
    }

    /**
     * Seconds with their milliseconds, as {@code Double.toString(millis / 1000.0)} writes them ("1567.028",
     * "1567.5", "0.0"), into {@code out}, returning the length; 0 outside 0 to 10^7 seconds, where that writes
     * an exponent. Two numbers per buffer went through a double's shortest-digits search: a tenth of the
     * time a 100,000-buffer list spent writing.
     */
    static int seconds(long millis, char[] out) {
        if (millis < 0 || millis >= 10_000_000_000L) {
            return 0;
        }
        String whole = Long.toString(millis / 1000);
        whole.getChars(0, whole.length(), out, 0);
        int at = whole.length();
        out[at++] = '.';
        int fraction = (int) (millis % 1000);
        out[at++] = (char) ('0' + fraction / 100);
        if (fraction % 100 != 0) {
            out[at++] = (char) ('0' + fraction / 10 % 10);
            if (fraction % 10 != 0) {
                out[at++] = (char) ('0' + fraction % 10);
            }
        }
        return at;
    }

}
