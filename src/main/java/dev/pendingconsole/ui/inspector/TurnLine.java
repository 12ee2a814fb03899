package dev.pendingconsole.ui.inspector;

import dev.pendingconsole.ops.TurnEnd;
import dev.pendingconsole.ops.TurnStatus;

import java.time.Instant;
import java.util.Optional;

/** The inspector's turn line: status, user, turn, tool, start; for a turn no longer running, how it ended first. */
final class TurnLine {

    private TurnLine() {
    }

    /** A narrow inspector cuts the end of the line (its tooltip has all): what an operator asks first comes first. */
    static String of(Optional<TurnStatus> turn, Optional<TurnEnd> end) {
        if (turn.isEmpty()) {
            return "Turn: no metadata (no running turn will drain this)";
        }
        TurnStatus t = turn.get();
        return "Turn: " + (t.status() == null ? "?" : t.status())
                + end.map(e -> " \u2014 " + e.describe(Instant.now())).orElse("")
                + (t.userId() == null ? "" : "  \u00b7  user " + t.userId())
                + (t.turnId() == null ? "" : "  \u00b7  " + t.turnId()) + (t.toolName() == null ? "" : "  \u00b7  tool " + t.toolName())
                + (t.createdAt() == null ? "" : "  \u00b7  since " + t.createdAt());
    }
}
