package dev.pendingconsole.core;

import java.util.List;

/**
 * What a drain popped, oldest first, in pop order: the messages the backend would hand to the model and
 * the entries it would drop, the latter kept here with their bytes so that the caller can still show or
 * save them.
 */
public record DrainResult(List<BufferEntry> popped) {

    public DrainResult {
        popped = List.copyOf(popped);
    }

    public List<BufferEntry.Valid> messages() {
        return popped.stream().filter(BufferEntry.Valid.class::isInstance).map(BufferEntry.Valid.class::cast).toList();
    }

    public List<BufferEntry.Invalid> dropped() {
        return popped.stream().filter(BufferEntry.Invalid.class::isInstance).map(BufferEntry.Invalid.class::cast).toList();
    }
}
