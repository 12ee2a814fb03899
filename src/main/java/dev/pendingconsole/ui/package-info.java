/**
 * The JavaFX console: views that lay out and bind, view models that hold state and run work through
 * {@link dev.pendingconsole.ui.Background} (the one owner of threading), and the dialog that answers the
 * write door's question. The selection is a buffer's identity (pinned), never a row. Reaches Redis only
 * through {@link dev.pendingconsole.ops.Workspace}; never Lettuce.
 */
package dev.pendingconsole.ui;
