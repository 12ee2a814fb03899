/**
 * The one write door: each write a person can ask for is a small {@link dev.pendingconsole.ops.write.Write}
 * value (push, undo push, drain, clear, bulk clear, remove, restore, TTL, limit reset) naming its exact target
 * and the state it expects; {@link dev.pendingconsole.ops.write.WriteDoor} alone runs the chain: read-only
 * check, plan, the confirmation rule and the typed token (decided and checked here, never by a face),
 * backup of what will be removed, one conditional script, audit, and an outcome whose inverse is again a
 * Write. The only package that writes to Redis. May import core, redis, local and ops; never cli or ui.
 */
package dev.pendingconsole.ops.write;
