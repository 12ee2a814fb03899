/**
 * The dashboard: totals, spreads and the push rate, over the sessions view model. Imports ui.common and ui.sessions.
 */
package dev.pendingconsole.ui.dashboard;
