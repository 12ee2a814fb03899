/**
 * What operators do, over the core: scan, inspect, the live feed, rate-limit counters, the sandbox, and
 * every write through the one door of {@link dev.pendingconsole.ops.Workspace} (plan, confirm, backup,
 * conditional atomic execute, audit, undo), with the files it keeps on this machine (backups, the audit
 * log, profiles, production marks). Imports core; never JavaFX, the CLI or the console.
 */
package dev.pendingconsole.ops;
