package dev.pendingconsole.core;

import java.util.List;
import java.util.Map;

/**
 * A message as found in a buffer: the fields the backend reads, plus every other top-level field a
 * newer writer added, each kept as its exact JSON source text (in order of appearance). No length limits
 * apply here; validity against the backend is decided by {@link MessageCodec}.
 */
public record StoredMessage(String content, List<String> fileIds, PendingMessageContext context,
                            Map<String, String> unknownFields) {

    public StoredMessage {
        fileIds = List.copyOf(fileIds);
        unknownFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unknownFields));
    }

    public String modelView() {
        return ModelView.format(content, fileIds, context);
    }
}
