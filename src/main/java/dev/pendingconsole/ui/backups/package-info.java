/** The Backups tab: the backups this machine wrote, a preview of each, and a restore through the write door. */
package dev.pendingconsole.ui.backups;
