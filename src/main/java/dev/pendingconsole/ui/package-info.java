/**
 * The JavaFX console's shell: the application, the window (connect screen, then the main view) and the
 * main view that lays out the features of the sub-packages (connect, sessions, inspector, inject,
 * dashboard, limits; each a view with its view model) over {@code ui.common}. Features never import the
 * shell. The console reaches Redis only through {@link dev.pendingconsole.ops.Workspace}; never Lettuce.
 */
package dev.pendingconsole.ui;
