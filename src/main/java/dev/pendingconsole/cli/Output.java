package dev.pendingconsole.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pendingconsole.core.BufferEntry;
import dev.pendingconsole.core.RawPayload;

import java.io.PrintWriter;

/** Where a command prints: text for people, or one JSON document (snake_case fields) for scripts. */
final class Output {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    final PrintWriter out;
    final PrintWriter err;
    final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    void print(JsonNode document) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode object() {
        return JSON.createObjectNode();
    }

    ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** All fields of a valid entry, unknown ones included, in their stored order. */
    static JsonNode messageJson(BufferEntry.Valid entry) {
        try {
            return JSON.readTree(entry.raw().utf8().orElseThrow());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a valid entry failed to parse again", e);
        }
    }

    /** Warns on stderr about entries the backend would drop, with their exact bytes. */
    void warnDropped(String what, BufferEntry.Invalid entry) {
        RawPayload raw = entry.raw();
        err.println("warning: " + what + " (" + entry.reason() + "); its " + raw.size() + " bytes, base64: "
                + raw.base64());
    }
}
