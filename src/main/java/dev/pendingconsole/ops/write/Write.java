package dev.pendingconsole.ops.write;


/**
 * One write a person asks for, as a value: its exact target(s) by identity and the state it expects
 * (the entries read, the length seen). It only knows how to plan itself; the {@link WriteDoor} alone
 * carries a plan out, after its read-only check and its confirmation rule.
 *
 * @param <R> what the write reports when it has run
 */
public sealed interface Write<R> permits Push, UndoPush, Drain, Clear, ClearMany, Remove, Restore, SetTtl, ResetLimit,
        Announce, RemoveWrongType {

    /** Reads what the write needs and says what it will do; writes nothing. */
    WritePlan<R> plan(Writes writes);
}
