/**
 * The launcher: {@code Main} picks the CLI when there are arguments and the console when there are none.
 * May import every package below; nothing imports it.
 */
package dev.pendingconsole;
