package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.NoSuchBuffer;
import dev.pendingconsole.redis.PendingBuffers;

import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Map;

/**
 * Sending a buffer's wake-up notification again, for a running turn whose notification was lost: PUBLISH
 * for the seed's buffers, SPUBLISH for today's, on the buffer's notify channel, as a push sends it. It
 * changes no data, so no backup and no Undo; it is audited, with how many subscribers heard it.
 *
 * @param ref the buffer whose session is announced
 */
public record Announce(BufferRef ref) implements Write<Long> {

    @Override
    public WritePlan<Long> plan(Writes w) {
        KeySchema schema = ref.schemaFor(w.schema);
        long length = w.reads.count(ref);
        if (length == 0) {
            throw new NoSuchBuffer("no buffer for session " + ref.session() + ": there is nothing to announce");
        }
        String command = schema.publishMode() == PublishMode.SPUBLISH ? "SPUBLISH" : "PUBLISH";
        String what = "Announce " + ref.keyText(w.schema) + " (" + length + " pending) again: " + command + " "
                + new String(schema.notifyChannel(ref.session()), StandardCharsets.UTF_8)
                + "; no data changes, no backup";
        return WritePlan.of(WritePlan.Kind.ANNOUNCE, List.of(ref), ref.session().text(), "session id").summary(what)
                .run(() -> announce(w, schema, command));
    }

    private long announce(Writes w, KeySchema schema, String command) {
        long heard;
        try {
            heard = new PendingBuffers(w.redis, schema).announce(ref.session());
        } catch (RedisFailure e) {
            w.record("announce", ref, Map.of(), null, "failed: " + e.getMessage());
            throw e.getMessage() != null && e.getMessage().contains("unknown command")
                    ? new RedisFailure(e.kind(), command + " needs Redis 7: this server cannot announce today's buffers;"
                    + " nothing was sent", e)
                    : e;
        }
        w.record("announce", ref, Map.of("subscribers", heard), null, "done");
        return heard;
    }
}
