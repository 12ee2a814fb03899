/**
 * What operators do, over the core: scan, inspect, the live feed, rate-limit counters, and the
 * {@link dev.pendingconsole.ops.Workspace} the faces hold, whose reads are here and whose every write is a
 * value run by the door in {@code ops.write}. Imports core, redis and local; never JavaFX, the CLI or the
 * console.
 */
package dev.pendingconsole.ops;
