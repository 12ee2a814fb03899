/** The Servers view: every saved profile's server at a glance, looked at in the background. */
package dev.pendingconsole.ui.servers;
