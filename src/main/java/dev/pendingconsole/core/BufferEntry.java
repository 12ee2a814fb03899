package dev.pendingconsole.core;

/**
 * One entry of a buffer: either a message the backend can read, or one it would drop, with the reason.
 * Both keep the original bytes.
 */
public sealed interface BufferEntry permits BufferEntry.Valid, BufferEntry.Invalid {

    RawPayload raw();

    /** An entry the backend's drain accepts. */
    record Valid(RawPayload raw, StoredMessage message) implements BufferEntry {
    }

    /** An entry the backend's drain would drop (or, for bytes that are not UTF-8, fail on). */
    record Invalid(RawPayload raw, String reason) implements BufferEntry {
    }
}
