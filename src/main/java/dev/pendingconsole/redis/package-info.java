/**
 * The only package that talks to Redis through Lettuce: the gateway every command passes through (binary
 * safe, standalone, Sentinel or cluster; failures translated once into
 * {@link dev.pendingconsole.core.RedisFailure}; never on the JavaFX thread), every Lua script (kept as
 * resources here, each with a header stating KEYS, ARGV, the reply and why it is atomic, run by SHA), and
 * the backend's own buffer operations of {@code pending_messages.py}
 * ({@link dev.pendingconsole.redis.PendingBuffers}), usable by a JVM backend on its own. Imports core.
 */
package dev.pendingconsole.redis;
