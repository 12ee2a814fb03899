package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.ops.PushOutcome;
import dev.pendingconsole.redis.LuaScript;
import dev.pendingconsole.redis.PendingBuffers;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a {@link Push}: the backend's writes (RPUSH, LTRIM to the cap, EXPIRE, then the notify), each
 * push only onto the buffer as planned: the length expected, and the entries it evicts exactly the next
 * of the head the plan showed (then this run's own pushes). Stop is read right before each push is sent,
 * after any pause, so a Stop pressed during a pause sends nothing more.
 */
final class PushRun {

    private static final LuaScript PUSH_CHECKED = LuaScript.load("push_checked");

    private final Writes w;
    private final Push push;
    private final byte[] first;
    private final long length;
    private final List<byte[]> evictable;

    PushRun(Writes w, Push push, byte[] first, long length, List<byte[]> evictable) {
        this.w = w;
        this.push = push;
        this.first = first;
        this.length = length;
        this.evictable = evictable;
    }

    PushOutcome run() {
        byte[] key = push.ref().key(w.schema);
        long pttl = w.redis.read(r -> r.pttl(key));
        Optional<Instant> expiredAt = pttl >= 0 ? Optional.of(Instant.now().plusMillis(pttl)) : Optional.empty();
        Path file = evictable.isEmpty() ? null : backupOfEvictable(key, pttl);
        ArrayDeque<byte[]> head = new ArrayDeque<>(evictable);
        byte[][] keys = push.onlyIfRunning() ? new byte[][] {key, push.ref().metaKey(w.schema)} : new byte[][] {key};
        PendingBuffers core = new PendingBuffers(w.redis, push.ref().schemaFor(w.schema));
        List<byte[]> landed = new ArrayList<>();
        long expected = length;
        long evicted = 0;
        PushOutcome.Status status = PushOutcome.Status.DONE;
        try {
            for (int i = 0; i < push.times(); i++) {
                if (i > 0 && push.everyMillis() > 0) {
                    Thread.sleep(push.everyMillis());
                }
                if (push.stop().getAsBoolean()) {
                    status = PushOutcome.Status.STOPPED;
                    break;
                }
                int evict = (int) Math.max(0, expected + 1 - w.schema.cap());
                byte[] payload = i == 0 ? first : push.ref().generation().encode(push.message(), Instant.now());
                byte[][] args = new byte[4 + evict][];
                args[0] = payload;
                args[1] = Writes.ascii(w.schema.cap());
                args[2] = Writes.ascii(w.schema.ttl().getSeconds());
                args[3] = Writes.ascii(expected);
                Iterator<byte[]> it = head.iterator();
                for (int e = 0; e < evict; e++) {
                    args[4 + e] = it.hasNext() ? it.next() : new byte[0];
                }
                List<Long> reply = w.script("push to " + push.ref().session(), PUSH_CHECKED, keys, args);
                expected = reply.get(1);
                if (reply.get(0) != 1) {
                    status = reply.get(0) == -1 ? PushOutcome.Status.NO_RUNNING_TURN : PushOutcome.Status.CHANGED;
                    break;
                }
                landed.add(payload);
                for (int e = 0; e < evict; e++) {
                    head.poll();
                }
                head.add(payload);
                evicted += reply.get(2);
                core.notifyPushed(push.ref().session());
                push.progress().accept(landed.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = PushOutcome.Status.STOPPED;
        } catch (RedisFailure e) {
            w.record("push", push.ref(), Map.of("pushed", (long) landed.size(), "evicted", evicted), file,
                    (e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN ? "outcome unknown" : "failed") + " after "
                            + landed.size() + " pushes" + (e.kind() == RedisFailure.Kind.OUTCOME_UNKNOWN ? "" : ": " + e.getMessage()));
            throw e;
        }
        if (evicted == 0) {
            Writes.deleteQuietly(file); // it evicted nothing after all (stopped, or the buffer changed first)
            file = null;
        }
        file = Writes.confirmed(file);
        w.record("push", push.ref(), Map.of("requested", (long) push.times(), "pushed", (long) landed.size(),
                "evicted", evicted, "length", expected), file, switch (status) {
                    case DONE -> "done";
                    case STOPPED -> "stopped after " + landed.size();
                    case CHANGED -> "changed since it was read: stopped after " + landed.size();
                    case NO_RUNNING_TURN -> "no running turn: stopped after " + landed.size();
                });
        return new PushOutcome(push.ref(), status, push.times(), landed.size(), expected, evicted,
                Optional.ofNullable(file), landed, expiredAt);
    }

    private Path backupOfEvictable(byte[] key, long pttl) {
        Optional<Duration> ttl = pttl >= 0 ? Optional.of(Duration.ofMillis(pttl)) : Optional.empty();
        Instant now = Instant.now();
        List<BackupEntry> saved = new ArrayList<>();
        for (int i = 0; i < evictable.size(); i++) {
            saved.add(new BackupEntry(key, i, RawPayload.of(evictable.get(i)), ttl, now));
        }
        return w.backup("push-evicts", push.ref().session().text(), saved);
    }
}
