/**
 * The rate-limit counters and their reset through the write door. Imports ui.common.
 */
package dev.pendingconsole.ui.limits;
