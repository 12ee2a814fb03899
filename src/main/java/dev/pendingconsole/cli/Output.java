package dev.pendingconsole.cli;

import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.ops.Durations;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where a command prints: text for people, or one JSON document (snake_case fields) for scripts. */
final class Output {

    /** Made on first use: text output never loads Jackson's databind (a CLI start is faster). */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .build();
    }

    /** Jackson's core alone, for documents written as they go: `list --json` never loads databind. */
    static final class Streaming {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    final PrintWriter out;
    final PrintWriter err;
    final boolean json;
    private final boolean pretty;
    /** The bytes under {@link #out}, when known: a streamed document is written as UTF-8 straight onto them. */
    private final OutputStream bytes;

    Output(PrintWriter out, PrintWriter err, boolean json, boolean pretty, OutputStream bytes) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.pretty = pretty;
        this.bytes = bytes;
    }

    /** Whether JSON is indented (--pretty) rather than one line. */
    boolean pretty() {
        return pretty;
    }

    /** Stdout's bytes, under {@link #out} (flush it first); null where they are not known. */
    OutputStream bytes() {
        return bytes;
    }

    /**
     * Whether writing stdout failed (a closed pipe): a PrintWriter, and the PrintStream under it, keep their
     * failures to themselves. Flushes both.
     */
    boolean failed() {
        return out.checkError() | (bytes instanceof PrintStream stream && stream.checkError());
    }

    /** One document on one line (JSON Lines, for jq and log shippers), or indented with --pretty. */
    void print(JsonNode document) {
        try {
            out.println(pretty ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document)
                    : Json.MAPPER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A JSON writer straight onto stdout, for a document too large to build as a tree first; the caller ends
     * the line. Closing it flushes but leaves stdout open. It writes UTF-8 bytes where stdout's bytes are
     * known: 40 MB of a list's JSON no longer pass through a character encoder and two more buffers.
     */
    JsonGenerator generator() {
        try {
            out.flush();
            JsonGenerator g = (bytes != null
                    ? Streaming.FACTORY.createGenerator(bytes, JsonEncoding.UTF8)
                    : Streaming.FACTORY.createGenerator(out))
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return pretty ? g.useDefaultPrettyPrinter() : g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }

    /** All fields of a valid entry, unknown ones included, in their stored order. */
    static JsonNode messageJson(BufferEntry.Valid entry) {
        try (JsonParser p = Json.MAPPER.createParser(entry.raw().utf8().orElseThrow())) {
            p.nextToken();
            return node(p);
        } catch (IOException e) {
            throw new IllegalStateException("a valid entry failed to parse again", e);
        }
    }

    /**
     * The value at {@code p}'s current token, numbers kept as the stored text ({@code 1.0} stays {@code 1.0},
     * {@code 1764213000.0} is not {@code 1.764213E9}): the message as stored, not as Java would re-render it.
     */
    private static JsonNode node(JsonParser p) throws IOException {
        JsonNodeFactory nodes = Json.MAPPER.getNodeFactory();
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    object.set(name, node(p));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(p));
                }
                return array;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return nodes.rawValueNode(new RawValue(p.getText()));
            }
            case VALUE_STRING -> {
                return nodes.textNode(p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(p.getBooleanValue());
            }
            default -> {
                return nodes.nullNode();
            }
        }
    }

    /** A plain text table, columns padded to their widest cell. */
    void table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        printRow(headers, widths);
        rows.forEach(row -> printRow(row, widths));
    }

    private void printRow(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /** "42s", "5m 03s", "2h 10m"; "-" when absent. */
    static String duration(Optional<Duration> d) {
        return d.map(Durations::compact).orElse("-");
    }

    /** A session id on one line: control characters shown as escapes. */
    /** {@code text} as one shell word: bare when it is plain, else in single quotes. */
    static String shellWord(String text) {
        return text.matches("[A-Za-z0-9._:/@%+=,-]+") ? text : "'" + oneLine(text).replace("'", "'\\''") + "'";
    }

    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Warns on stderr about entries the backend would drop, with their exact bytes. */
    void warnDropped(String what, BufferEntry.Invalid entry) {
        RawPayload raw = entry.raw();
        err.println("warning: " + what + " (" + entry.reason() + "); its " + raw.size() + " bytes, base64: "
                + raw.base64());
    }
}
