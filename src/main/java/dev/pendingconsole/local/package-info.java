/**
 * Files on this machine: where they live (data and config folders), backups and exports (JSON Lines,
 * fsync'd, never replacing a file), the append-only audit log, connection profiles and the servers marked
 * production. Imports core only; knows nothing of Redis connections, the CLI or the console.
 */
package dev.pendingconsole.local;
