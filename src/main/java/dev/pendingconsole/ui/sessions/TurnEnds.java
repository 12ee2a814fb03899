package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.ops.TurnEnd;
import dev.pendingconsole.ops.TurnStatus;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ui.common.Background;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How the turns of the rows ended (failed or completed: when, and the error), for the rows' tooltips. A
 * scan reads no turn stream (a million rows would cost a million reads): a row's turn is read on a worker
 * the first time its tooltip is wanted, and the last {@link #KEPT} are kept (an ended turn does not change).
 */
public final class TurnEnds {

    static final int KEPT = 500;

    private final Workspace ops;
    private final Background background;
    private final Map<String, TurnEnd> known = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TurnEnd> eldest) {
            return size() > KEPT;
        }
    };
    private final Set<String> asking = new HashSet<>();

    public TurnEnds(Workspace ops, Background background) {
        this.ops = ops;
        this.background = background;
    }

    /** The end of {@code turn} if it was read before; empty for a running turn or one not read yet. */
    Optional<String> known(TurnStatus turn) {
        TurnEnd end = turn.isRunning() || turn.turnId() == null ? null : known.get(turn.turnId());
        return Optional.ofNullable(end).map(e -> e.describe(Instant.now()));
    }

    /** Reads the end of {@code turn} unless it is known or being read, then hands its sentence to {@code then} (FX thread). */
    void ask(TurnStatus turn, Consumer<String> then) {
        if (turn.isRunning() || turn.turnId() == null || known.containsKey(turn.turnId()) || !asking.add(turn.turnId())) {
            return;
        }
        String id = turn.turnId();
        background.run(() -> ops.turnEnd(turn), end -> {
            asking.remove(id);
            end.ifPresent(e -> {
                known.put(id, e);
                then.accept(e.describe(Instant.now()));
            });
        }, failure -> asking.remove(id)); // the tooltip keeps what it knew; the next hover asks again
    }
}
