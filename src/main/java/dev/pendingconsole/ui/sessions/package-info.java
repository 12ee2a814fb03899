/**
 * The sessions table and its view model: streamed scans, filter, order, the live feed, and the pinned selection (a buffer's identity that rows moving under it never change). Imports ui.common.
 */
package dev.pendingconsole.ui.sessions;
