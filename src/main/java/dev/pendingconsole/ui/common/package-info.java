/**
 * What every part of the console shares: the one owner of threading ({@link dev.pendingconsole.ui.common.Background}), notices, formats, the connection as the console holds it, and the console's side of the write door (the confirmation dialog and {@link dev.pendingconsole.ui.common.WriteRunner}). Imports ops, local and devtools; no feature and not the shell.
 */
package dev.pendingconsole.ui.common;
