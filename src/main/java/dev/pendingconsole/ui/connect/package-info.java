/**
 * The connect screen: URL or profile, TLS, topology, key schema, read-only and production, the sandbox button. View and view model; imports ui.common.
 */
package dev.pendingconsole.ui.connect;
