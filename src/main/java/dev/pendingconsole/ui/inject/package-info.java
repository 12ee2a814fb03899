/**
 * The Inject form: a message validated as the endpoint does, aimed at a buffer's identity, pushed through the write door (repeat, progress, Stop, Undo). Imports ui.common.
 */
package dev.pendingconsole.ui.inject;
