package dev.pendingconsole.support;

import dev.pendingconsole.core.RawPayload;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.ClearOutcome;
import dev.pendingconsole.ops.DrainOutcome;
import dev.pendingconsole.ops.Inspection;
import dev.pendingconsole.ops.Operations;
import dev.pendingconsole.ops.RemoveOutcome;
import dev.pendingconsole.ops.RestoreOutcome;
import dev.pendingconsole.ops.TtlChange;
import dev.pendingconsole.ops.TtlOutcome;
import dev.pendingconsole.ops.write.Clear;
import dev.pendingconsole.ops.write.Confirmer;
import dev.pendingconsole.ops.write.Drain;
import dev.pendingconsole.ops.write.Question;
import dev.pendingconsole.ops.write.Remove;
import dev.pendingconsole.ops.write.ResetLimit;
import dev.pendingconsole.ops.write.Restore;
import dev.pendingconsole.ops.write.SetTtl;
import dev.pendingconsole.ops.write.WriteDoor;
import dev.pendingconsole.redis.RedisGateway;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The real {@link WriteDoor} over a test's gateway, with a person who says yes to everything and types
 * every token right: fault and safety tests send their writes through the same chain the faces use.
 */
public final class Door {

    /** Answers every question: yes, or the exact token asked for. */
    public static final Confirmer YES = (plan, q) -> Optional.of(q.level() == Question.Level.TYPED ? q.token() : "yes");

    private final WriteDoor door;

    public Door(RedisGateway redis, Operations ops, Path home) {
        this.door = new WriteDoor(redis, ops, new DataDir(home), false);
    }

    public WriteDoor door() {
        return door;
    }

    public ClearOutcome clear(Inspection seen, boolean backup) {
        return door.run(new Clear(seen, backup), YES);
    }

    /** Restores {@code file} wherever it was taken. */
    public RestoreOutcome restore(Path file) {
        return door.run(Restore.of(file, true), YES);
    }

    public DrainOutcome drain(BufferRef ref, boolean backup) {
        return door.run(new Drain(ref, Optional.empty(), backup), YES);
    }

    public DrainOutcome drainToFile(Inspection seen, Path out) {
        return door.run(new Drain(seen.ref(), Optional.of(out), true), YES);
    }

    public RemoveOutcome removeEntry(BufferRef ref, long index, RawPayload expected, boolean backup) {
        return door.run(new Remove(ref, index, expected, backup), YES);
    }

    public TtlOutcome setTtl(BufferRef ref, TtlChange change) {
        return door.run(SetTtl.of(ref, change), YES);
    }

    public boolean resetRateLimit(String user) {
        return door.run(new ResetLimit(user), YES);
    }

    public Optional<String> probeWrites() {
        return door.probeWrites();
    }
}
