package dev.pendingconsole.core;

import java.util.List;

/**
 * What a drain popped, oldest first: the messages the backend would hand to the model, and the entries
 * it would drop, kept here with their bytes so that the caller can still show or save them.
 */
public record DrainResult(List<BufferEntry.Valid> messages, List<BufferEntry.Invalid> dropped) {

    public DrainResult {
        messages = List.copyOf(messages);
        dropped = List.copyOf(dropped);
    }

    public int popped() {
        return messages.size() + dropped.size();
    }
}
