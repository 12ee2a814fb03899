package dev.pendingconsole.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and writes buffer entries exactly as the backend does.
 *
 * <p>{@link #encode} produces the bytes of pydantic v2's {@code model_dump_json()}: compact separators,
 * non-ASCII characters unescaped, fields {@code content}, {@code file_ids}, {@code context} in that
 * order, nulls kept. {@link #decode} accepts what the backend's drain accepts ({@code
 * PendingMessage(**json.loads(payload))}, so unknown fields are allowed) and never throws: anything
 * else becomes a {@link BufferEntry.Invalid} with a reason a person can act on. Thread-safe.
 */
public final class MessageCodec {

    /** The backend's reader: content of 1..16000 characters. */
    public static final MessageCodec SEED = new MessageCodec(PendingMessage.MAX_CONTENT);

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.loads takes NaN, Infinity
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(1_000) // Python's parser gives up near its recursion limit
                    .build())
            .build();

    private final int maxContent;
    /** Today's backend's model also bounds file_ids and the page context; the seed's does not. */
    private final boolean currentLimits;

    public MessageCodec(int maxContent) {
        this(maxContent, false);
    }

    /**
     * {@code currentLimits}: judge as today's backend's model does, which also refuses more than
     * {@link PendingMessage#MAX_FILE_IDS} file ids, a page URL over {@link PendingMessage#MAX_CONTEXT_URL} and
     * page content over {@link PendingMessage#MAX_CONTEXT_CONTENT} characters (an entry it drops on drain).
     */
    public MessageCodec(int maxContent, boolean currentLimits) {
        if (maxContent < 1) {
            throw new IllegalArgumentException("maxContent must be at least 1, was " + maxContent);
        }
        this.maxContent = maxContent;
        this.currentLimits = currentLimits;
    }

    public int maxContent() {
        return maxContent;
    }

    // ---------------------------------------------------------------- writing

    public static byte[] encode(PendingMessage message) {
        return encodeToString(message).getBytes(StandardCharsets.UTF_8);
    }

    public static String encodeToString(PendingMessage message) {
        StringBuilder out = new StringBuilder(message.content().length() + 48);
        out.append('{');
        writeFields(out, message);
        return out.append('}').toString();
    }

    /**
     * Today's backend's payload (SPEC §1b), as pydantic v2's {@code model_dump_json()} writes it: {@code id},
     * {@code content}, {@code file_ids}, {@code context}, {@code enqueued_at} (a float as pydantic writes it),
     * {@code metadata} ({@code metadataJson}, a JSON object, written compactly; null: {@code null}).
     */
    public static byte[] encodeCurrent(PendingMessage message, UUID id, double enqueuedAt, String metadataJson) {
        StringBuilder out = new StringBuilder(message.content().length() + 160);
        out.append("{\"id\":");
        writeString(out, id.toString());
        out.append(',');
        writeFields(out, message);
        out.append(",\"enqueued_at\":").append(PythonFloat.pydantic(enqueuedAt));
        out.append(",\"metadata\":").append(metadataJson == null ? "null" : compactObject(metadataJson, "metadata"));
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A JSON object's text as pydantic's {@code model_dump_json()} writes a {@code dict[str, Any]}: compact,
     * keys in their order, non-ASCII unescaped, floats as pydantic writes them. Refuses anything but one object,
     * and a key given twice (Python would keep only the last); the error names {@code field}.
     */
    static String compactObject(String json, String field) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidMessageException(field, field + " must be a JSON object, like {\"source\":\"console\"}");
            }
            StringBuilder out = new StringBuilder(json.length());
            writeValue(p, out, field);
            if (p.nextToken() != null) {
                throw new InvalidMessageException(field, field + " holds more than one JSON value");
            }
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(field, field + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeValue(JsonParser p, StringBuilder out, String field) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                out.append('{');
                Set<String> seen = new HashSet<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    if (!seen.add(name)) {
                        throw new InvalidMessageException(field, field + " has the key \"" + name + "\" twice");
                    }
                    if (seen.size() > 1) {
                        out.append(',');
                    }
                    writeString(out, name);
                    out.append(':');
                    p.nextToken();
                    writeValue(p, out, field);
                }
                out.append('}');
            }
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeValue(p, out, field);
                }
                out.append(']');
            }
            case VALUE_STRING -> writeString(out, p.getText());
            case VALUE_NUMBER_INT -> out.append(p.getText());
            case VALUE_NUMBER_FLOAT -> {
                double value = p.getDoubleValue();
                // pydantic writes NaN and infinities as null by default (ser_json_inf_nan='null')
                out.append(Double.isFinite(value) ? PythonFloat.pydantic(value) : "null");
            }
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new InvalidMessageException(field, field + " is not valid JSON near " + p.getText());
        }
    }

    /** content, file_ids, context: the fields both generations write, in this order. */
    private static void writeFields(StringBuilder out, PendingMessage message) {
        out.append("\"content\":");
        writeString(out, message.content());
        out.append(",\"file_ids\":[");
        List<String> ids = message.fileIds();
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(out, ids.get(i));
        }
        out.append("],\"context\":");
        PendingMessageContext context = message.context();
        if (context == null) {
            out.append("null");
        } else {
            out.append("{\"url\":");
            writeNullable(out, context.url());
            out.append(",\"content\":");
            writeNullable(out, context.content());
            out.append('}');
        }
    }

    private static void writeNullable(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
        } else {
            writeString(out, value);
        }
    }

    /** serde_json's escaping, which pydantic-core uses: only '"', '\\' and C0 controls are escaped. */
    private static void writeString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // ---------------------------------------------------------------- reading

    /**
     * Whether the backend reads this entry, and its {@code enqueued_at}: what {@link #decode} would say, for a
     * scan, which needs no more. The entries the backends write are recognised in one pass over their bytes
     * ({@link CompactEntry}); every other entry is decoded in full.
     */
    public Glance glance(byte[] bytes) {
        Glance quick = CompactEntry.glance(bytes, maxContent);
        if (quick != null && (!currentLimits || noFilesNorPage(bytes))) {
            return quick; // today's limits on file ids and the page context can only bite where there are some
        }
        return Glance.of(decode(bytes));
    }

    private static final byte[] NO_FILES = "\"file_ids\":[]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_PAGE = "\"context\":null".getBytes(StandardCharsets.US_ASCII);

    /** In an entry {@link CompactEntry} read (no escapes, so no quote inside a string): no file ids, no page. */
    private static boolean noFilesNorPage(byte[] bytes) {
        return indexOf(bytes, NO_FILES) >= 0 && indexOf(bytes, NO_PAGE) >= 0;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public BufferEntry decode(byte[] bytes) {
        return decode(RawPayload.of(bytes));
    }

    public BufferEntry decode(RawPayload raw) {
        byte[] bytes = raw.unsafeBytes();
        // ASCII (nearly every entry) is valid UTF-8 as it is, and its byte offsets are its character offsets:
        // the parser reads the bytes, with no decoded copy of the text
        String text = null;
        if (!isAscii(bytes)) {
            var utf8 = raw.utf8();
            if (utf8.isEmpty()) {
                return new BufferEntry.Invalid(raw, "not valid UTF-8 (" + firstBadByte(bytes)
                        + "); the backend's drain fails on it");
            }
            text = utf8.get();
        }
        try (JsonParser p = text == null ? JSON.createParser(bytes) : JSON.createParser(text)) {
            return decodeJson(raw, p, new Source(text, bytes));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new BufferEntry.Invalid(raw, "malformed JSON: " + firstLine(e.getOriginalMessage()) + where);
        } catch (IOException | RuntimeException e) {
            return new BufferEntry.Invalid(raw, "unreadable: " + e.getMessage());
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The payload being parsed: its text where it was decoded, else its (ASCII) bytes. */
    private record Source(String text, byte[] bytes) {
        String slice(JsonLocation start, JsonLocation end) {
            return text != null ? text.substring((int) start.getCharOffset(), (int) end.getCharOffset())
                    : new String(bytes, (int) start.getByteOffset(), (int) (end.getByteOffset() - start.getByteOffset()),
                    StandardCharsets.US_ASCII);
        }
    }

    private BufferEntry decodeJson(RawPayload raw, JsonParser p, Source source) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return new BufferEntry.Invalid(raw, "empty payload, not a JSON object");
        }
        if (first != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new BufferEntry.Invalid(raw, "a JSON " + kind(first) + ", not an object");
        }
        Parsed<String> content = Parsed.absent();
        Parsed<List<String>> fileIds = Parsed.of(List.of());
        Parsed<PendingMessageContext> context = Parsed.of(null);
        Map<String, String> unknown = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "content" -> content = readString(p, value, "content", false);
                case "file_ids" -> fileIds = readStringList(p, value);
                case "context" -> context = readContext(p, value);
                default -> {
                    unknown.remove(name);
                    unknown.put(name, sourceText(p, source));
                }
            }
        }
        if (p.nextToken() != null) {
            return new BufferEntry.Invalid(raw, "trailing data after the JSON object");
        }
        String problem = firstProblem(content, fileIds, context);
        if (problem != null) {
            return new BufferEntry.Invalid(raw, problem);
        }
        return new BufferEntry.Valid(raw, new StoredMessage(content.value, fileIds.value, context.value, unknown));
    }

    private String firstProblem(Parsed<String> content, Parsed<List<String>> fileIds,
                                Parsed<PendingMessageContext> context) {
        if (content.missing) {
            return "content is missing";
        }
        if (content.error != null) {
            return content.error;
        }
        int length = Text.codePoints(content.value);
        if (length < 1) {
            return "content is empty";
        }
        if (length > maxContent) {
            return "content has " + length + " characters; the backend's limit is " + maxContent;
        }
        if (fileIds.error != null) {
            return fileIds.error;
        }
        if (context.error != null || !currentLimits) {
            return context.error;
        }
        return overCurrentLimits(fileIds.value, context.value);
    }

    /** What today's backend's model refuses beyond content: too many file ids, too long a page URL or text. */
    private static String overCurrentLimits(List<String> fileIds, PendingMessageContext context) {
        if (fileIds.size() > PendingMessage.MAX_FILE_IDS) {
            return "file_ids has " + fileIds.size() + " entries; the backend's limit is " + PendingMessage.MAX_FILE_IDS;
        }
        if (context != null && context.url() != null && Text.codePoints(context.url()) > PendingMessage.MAX_CONTEXT_URL) {
            return "context.url has " + Text.codePoints(context.url()) + " characters; the backend's limit is "
                    + PendingMessage.MAX_CONTEXT_URL;
        }
        if (context != null && context.content() != null
                && Text.codePoints(context.content()) > PendingMessage.MAX_CONTEXT_CONTENT) {
            return "context.content has " + Text.codePoints(context.content()) + " characters; the backend's limit is "
                    + PendingMessage.MAX_CONTEXT_CONTENT;
        }
        return null;
    }

    /** The exact source text of the value the parser stands on, skipping over containers. */
    private static String sourceText(JsonParser p, Source source) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
        } else {
            p.getText(); // finishes a lazily read token so the location below is its end
        }
        return source.slice(start, p.currentLocation());
    }

    private static Parsed<String> readString(JsonParser p, JsonToken token, String field, boolean nullable)
            throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            String value = p.getText();
            int bad = Text.loneSurrogateIndex(value);
            if (bad >= 0) {
                return Parsed.error(String.format("%s holds a lone surrogate \\u%04x, which is not valid Unicode",
                        field, (int) value.charAt(bad)));
            }
            return Parsed.of(value);
        }
        if (token == JsonToken.VALUE_NULL && nullable) {
            return Parsed.of(null);
        }
        p.skipChildren();
        return Parsed.error(field + " is " + article(token) + ", not a string");
    }

    private static Parsed<List<String>> readStringList(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            p.skipChildren();
            return Parsed.error("file_ids is " + article(token) + ", not a list of strings");
        }
        List<String> ids = new ArrayList<>();
        String error = null;
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
            Parsed<String> id = readString(p, t, "file_ids[" + index + "]", false);
            if (id.error != null && error == null) {
                error = id.error;
            }
            ids.add(id.value);
        }
        return error == null ? Parsed.of(ids) : Parsed.error(error);
    }

    private static Parsed<PendingMessageContext> readContext(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return Parsed.of(null);
        }
        if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Parsed.error("context is " + article(token) + ", not an object");
        }
        Parsed<String> url = Parsed.of(null);
        Parsed<String> content = Parsed.of(null);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "url" -> url = readString(p, value, "context.url", true);
                case "content" -> content = readString(p, value, "context.content", true);
                default -> p.skipChildren(); // the backend's model ignores extra context keys
            }
        }
        if (url.error != null) {
            return Parsed.error(url.error);
        }
        if (content.error != null) {
            return Parsed.error(content.error);
        }
        return Parsed.of(new PendingMessageContext(url.value, content.value));
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase();
        };
    }

    private static String article(JsonToken token) {
        String kind = kind(token);
        return kind.equals("null") ? "null" : (kind.startsWith("a") || kind.startsWith("o") ? "an " : "a ") + kind;
    }

    private static String firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        var in = ByteBuffer.wrap(bytes);
        var out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        int at = in.position();
        if (result.isError() && at < bytes.length) {
            return String.format("byte 0x%02X at offset %d", bytes[at] & 0xFF, at);
        }
        return "truncated sequence at the end";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A field value or the reason it cannot be used; the last occurrence of a key wins, as in Python. */
    private record Parsed<T>(T value, String error, boolean missing) {
        static <T> Parsed<T> of(T value) {
            return new Parsed<>(value, null, false);
        }

        static <T> Parsed<T> error(String error) {
            return new Parsed<>(null, error, false);
        }

        static <T> Parsed<T> absent() {
            return new Parsed<>(null, null, true);
        }
    }
}
