/**
 * The command line (picocli): one command per class, human tables or JSON, exit codes 0/1/2/3, and the
 * terminal's answer to the write door's question ({@code --yes}, y/N, or the typed session id on
 * production). Reaches Redis only through {@link dev.pendingconsole.ops.Workspace}; never Lettuce or JavaFX.
 */
package dev.pendingconsole.cli;
