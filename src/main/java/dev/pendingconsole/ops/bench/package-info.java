/**
 * The benchmark: seeds a keyspace and measures scans, pushes and drains against the SPEC's targets.
 * Figures are printed, never asserted by tests. Imports core and ops.
 */
package dev.pendingconsole.ops.bench;
