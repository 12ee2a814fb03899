package dev.pendingconsole.ops.write;

import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.Operations;
import dev.pendingconsole.redis.RedisGateway;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The one door every write goes through, for the CLI and the console alike. It runs a fixed chain:
 * read-only check, plan (the {@link Write} reads and says exactly what it adds, removes and evicts),
 * the confirmation rule ({@link #question}: decided here from the plan and the connection, the typed
 * token compared here, never by a face), then the plan's own step, which backs up what it will remove,
 * runs one conditional script, and audits. Each outcome names its exact inverse, itself a {@link Write}.
 * Thread-safe; never call it on the JavaFX application thread.
 */
public final class WriteDoor {

    private final Writes writes;
    private final boolean production;

    public WriteDoor(RedisGateway redis, Operations reads, DataDir data, boolean production) {
        this.writes = new Writes(redis, reads, data);
        this.production = production;
    }

    public boolean isProduction() {
        return production;
    }

    private volatile Runnable afterConfirmed = () -> { };

    /** Runs {@code then} after each write on production whose token was typed and which then ran. */
    public void afterConfirmedProductionWrite(Runnable then) {
        this.afterConfirmed = then;
    }

    /**
     * Finds out whether this connection may write under the prefix, changing nothing: PEXPIRE on a key
     * that does not exist changes nothing, yet ACL refuses it (NOPERM) exactly when the user lacks write
     * permission for the prefix, and a replica refuses it as READONLY. When refused, every later write is
     * blocked with the reason; returns it, or empty when writes are allowed.
     */
    public Optional<String> probeWrites() {
        if (writes.redis.isReadOnly()) {
            return Optional.of(writes.redis.readOnlyReason());
        }
        byte[] probe = (writes.schema.prefix() + "pending-console:write-probe:"
                + HexFormat.of().formatHex(Writes.randomBytes())).getBytes(StandardCharsets.UTF_8);
        try {
            writes.redis.write("check write permission", r -> r.pexpire(probe, 1_000));
            return Optional.empty();
        } catch (RedisFailure e) {
            if (e.kind() != RedisFailure.Kind.NO_PERMISSION && e.kind() != RedisFailure.Kind.READ_ONLY) {
                throw e;
            }
            String reason = e.kind() == RedisFailure.Kind.NO_PERMISSION
                    ? "the ACL user may not write under " + writes.schema.prefix() : "the server is a read-only replica";
            writes.redis.blockWrites(reason);
            return Optional.of(reason);
        }
    }

    /** Plans {@code write} without running it (a dry run, a preview); refused on a read-only connection. */
    public <R> WritePlan<R> plan(Write<R> write) {
        writes.redis.refuseIfReadOnly("write");
        return write.plan(writes);
    }

    /** Plans and runs {@code write}; see {@link #execute}. */
    public <R> R run(Write<R> write, Confirmer confirmer) {
        return execute(plan(write), confirmer);
    }

    /**
     * Runs a plan made by {@link #plan}: asks {@code confirmer} the {@link #question} when there is one; a
     * "no", or a typed answer that is not the token, throws {@link WriteRefused} and changes nothing.
     */
    public <R> R execute(WritePlan<R> plan, Confirmer confirmer) {
        writes.redis.refuseIfReadOnly(plan.kind().label() + " " + plan.confirmText());
        Question question = question(plan);
        if (question.level() != Question.Level.NONE) {
            Optional<String> answer = confirmer.answer(plan, question);
            if (answer.isEmpty()) {
                throw new WriteRefused("cancelled: nothing was changed", true);
            }
            if (question.level() == Question.Level.TYPED && !answer.get().strip().equals(question.token())) {
                throw new WriteRefused("cancelled: the " + question.tokenName() + " typed ('" + answer.get().strip()
                        + "') is not '" + question.token() + "'; nothing was changed", true);
            }
        }
        writes.audit.prepare();
        R outcome = plan.run();
        if (production && question.level() == Question.Level.TYPED && plan.foreignServer().isEmpty()) {
            afterConfirmed.run();
        }
        return outcome;
    }

    /**
     * The one confirmation rule. A restore of another server's backup: that server's address is typed.
     * On production every write types its token (the session id, the number of buffers, the user).
     * Elsewhere a destructive write asks yes or no, except an Undo just clicked and a push: a push does what
     * the backend's endpoint does, evicting the oldest entries when the buffer is full, without asking (the
     * evicted entries are backed up first, and every push is audited).
     */
    public Question question(WritePlan<?> plan) {
        return question(plan, production);
    }

    /** {@link #question(WritePlan)} on a connection that is, or is not, production. */
    public static Question question(WritePlan<?> plan, boolean production) {
        if (plan.foreignServer().isPresent()) {
            return Question.typed(plan.foreignServer().get(), "address of the server the backup was taken on");
        }
        if (production) {
            return Question.typed(plan.confirmText(), plan.confirmWhat());
        }
        boolean asks = plan.isDestructive() && !plan.isUndo() && plan.kind() != WritePlan.Kind.PUSH;
        return asks ? Question.YES : Question.NONE;
    }
}
