package dev.pendingconsole.core;

/** What a push left: the buffer's length, its cap, and how many of the oldest entries it evicted. */
public record PushResult(long length, int cap, long evicted) {
}
