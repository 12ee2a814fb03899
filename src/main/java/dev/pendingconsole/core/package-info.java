/**
 * The backend's contract, with no client library: session ids, the key schema, the payload codec and its
 * validation, the model view, where to connect ({@link dev.pendingconsole.core.RedisTarget}) and the
 * failures a caller can act on ({@link dev.pendingconsole.core.RedisFailure}). Imports Jackson and the
 * JDK only; every other package may import it.
 */
package dev.pendingconsole.core;
