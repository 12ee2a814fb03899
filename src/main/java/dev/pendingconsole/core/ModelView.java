package dev.pendingconsole.core;

import java.util.List;

/**
 * The backend's {@code format_pending_as_user_message}: the exact text the model receives for a
 * drained message. Empty url or page content are left out, as Python's truthiness does.
 */
public final class ModelView {

    private ModelView() {
    }

    public static String format(String content, List<String> fileIds, PendingMessageContext context) {
        StringBuilder out = new StringBuilder(content);
        if (context != null) {
            if (context.url() != null && !context.url().isEmpty()) {
                out.append("\n\n[Page URL: ").append(context.url()).append(']');
            }
            if (context.content() != null && !context.content().isEmpty()) {
                out.append("\n\n[Page content]\n").append(context.content());
            }
        }
        if (!fileIds.isEmpty()) {
            out.append("\n\n[Attached files]\n");
            for (int i = 0; i < fileIds.size(); i++) {
                if (i > 0) {
                    out.append('\n');
                }
                out.append("- file_id=").append(fileIds.get(i));
            }
            out.append("\nUse read_workspace_file with the file_id to access file contents.");
        }
        return out.toString();
    }
}
