/**
 * The inspector: a buffer's entries page by page, the selected entry in every form, and the actions on what is shown, each through the write door. Imports ui.common.
 */
package dev.pendingconsole.ui.inspector;
