/**
 * Tools beside the product: a throwaway {@code redis-server} ({@link dev.pendingconsole.devtools.LocalRedis},
 * also used by the tests), the sandbox with demo data it seeds directly (its own server, never a user's),
 * and the benchmark, which measures raw Lettuce baselines next to the product's own calls. Imports core,
 * local and ops; the CLI and the console start it.
 */
package dev.pendingconsole.devtools;
