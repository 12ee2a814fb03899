package dev.pendingconsole.ops;

import dev.pendingconsole.redis.Reads;
import dev.pendingconsole.redis.RedisGateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a turn that is no longer running ended, as its own stream tells it: the meta hash keeps only
 * {@code status} ({@code completed} / {@code failed}), while the backend's stream registry appends every
 * chunk of the turn to the stream {@code chat:stream:<turn_id>} (field {@code data}, the chunk's JSON),
 * ending with a {@code finish} chunk, after an {@code error} chunk ({@code errorText}, {@code code}) when
 * it failed. The finish chunk's stream id is when the turn ended (milliseconds). Only the stream's last
 * {@link #TAIL} chunks are read; the stream expires an hour after the turn, and then nothing is known.
 *
 * @param found   whether the turn's stream exists
 * @param endedAt when its finish chunk was written (empty: none among the chunks read)
 * @param error   its last error chunk, "code: text" (empty: none among the chunks read)
 */
public record TurnEnd(boolean found, Optional<Instant> endedAt, Optional<String> error) {

    /** The backend's {@code turn_stream_prefix} (its ChatConfig default). */
    public static final String STREAM_PREFIX = "chat:stream:";
    /** How many chunks are read from the stream's end: an error and a finish are the last few. */
    static final int TAIL = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the end of {@code turn} from its stream; empty for a running turn or one without a turn id. */
    static Optional<TurnEnd> read(RedisGateway redis, TurnStatus turn) {
        if (turn.isRunning() || turn.turnId() == null || turn.turnId().isEmpty()) {
            return Optional.empty();
        }
        byte[] key = (STREAM_PREFIX + turn.turnId()).getBytes(StandardCharsets.UTF_8);
        return Optional.of(of(redis.read(r -> r.xrevrange(key, TAIL))));
    }

    /** The end that {@code newestFirst} (a stream's last chunks) tells. */
    static TurnEnd of(List<Reads.StreamEntry> newestFirst) {
        Optional<Instant> ended = Optional.empty();
        Optional<String> error = Optional.empty();
        for (Reads.StreamEntry entry : newestFirst) {
            JsonNode chunk = chunk(entry.fields().get("data"));
            String type = chunk.path("type").asText("");
            if (ended.isEmpty() && "finish".equals(type)) {
                ended = idTime(entry.id());
            } else if (error.isEmpty() && "error".equals(type)) {
                String code = chunk.path("code").asText("");
                error = Optional.of((code.isEmpty() ? "" : code + ": ") + chunk.path("errorText").asText("(no text)"));
            }
        }
        return new TurnEnd(!newestFirst.isEmpty(), ended, error);
    }

    private static JsonNode chunk(String data) {
        try {
            return data == null ? JSON.missingNode() : JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return JSON.missingNode(); // a chunk that is not JSON says nothing of the end
        }
    }

    private static Optional<Instant> idTime(String id) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(id.substring(0, id.indexOf('-')))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** For a tooltip or a header: "Ended 8m 30s ago; error: baseline_error: …", or why nothing is known. */
    public String describe(Instant now) {
        if (!found) {
            return "Its stream has expired or was never written: when and why it ended is not known.";
        }
        String when = endedAt.map(t -> "Ended " + Durations.compact(Duration.between(t, now).abs()) + " ago")
                .orElse("No finish chunk in its stream's last " + TAIL);
        return when + error.map(e -> "; error: " + e + ".").orElse("; no error in its stream's last " + TAIL + " chunks.");
    }
}
