/**
 * The backend's contract, usable by a JVM backend on its own: session ids, key schema, the payload codec
 * and validation, the model view, and the buffer operations of {@code pending_messages.py}
 * ({@link dev.pendingconsole.core.PendingBuffers}) over the one Redis gateway
 * ({@link dev.pendingconsole.core.RedisGateway}, which translates every failure into a
 * {@link dev.pendingconsole.core.RedisFailure}). Imports Lettuce and Jackson; nothing of this project.
 */
package dev.pendingconsole.core;
