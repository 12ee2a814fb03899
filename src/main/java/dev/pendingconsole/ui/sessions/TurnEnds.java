package dev.pendingconsole.ui.sessions;

import dev.pendingconsole.ops.TurnEnd;
import dev.pendingconsole.ops.TurnStatus;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ui.common.Background;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the turns of the rows ended (failed or completed: when, and the error), for the rows' tooltips. A
 * scan reads no turn stream (a million rows would cost a million reads): a row's turn is read on a worker
 * when its tooltip is about to show, and the last {@link #KEPT} are kept (an ended turn does not change).
 * One read at a time, the latest wanted next: a pointer crossing rows while the server is slow holds one
 * worker, never the pool the filter and the scan need.
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
    private boolean reading;
    private Runnable next;

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
        if (turn.isRunning() || turn.turnId() == null || known.containsKey(turn.turnId())) {
            return;
        }
        if (reading) {
            next = () -> ask(turn, then); // only the latest: the rows the pointer left need nothing
            return;
        }
        reading = true;
        String id = turn.turnId();
        background.run(() -> ops.turnEnd(turn), end -> {
            end.ifPresent(e -> {
                known.put(id, e);
                then.accept(e.describe(Instant.now()));
            });
            readNext();
        }, failure -> readNext()); // the tooltip keeps what it knew; the next showing asks again
    }

    private void readNext() {
        reading = false;
        Runnable waiting = next;
        next = null;
        if (waiting != null) {
            waiting.run();
        }
    }
}
