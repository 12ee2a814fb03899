package dev.pendingconsole.ui.servers;

import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.local.ProfileStore;
import dev.pendingconsole.ops.Fleet;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Notice;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Every saved profile's server, looked at by {@link Fleet} on a worker (read-only, at serve's scan budget),
 * again every {@link #EVERY} while the view lives. The rows are replaced as a whole when a look ends.
 */
public final class ServersViewModel {

    /** How often the servers are looked at again. */
    public static final Duration EVERY = Duration.ofSeconds(60);
    /** Serve's scan budget: a look at a busy server costs it no more than a Prometheus exporter does. */
    static final long MAX_RATE = 10_000;
    /** The fallback threshold: any stuck buffer, where a profile sets no alert. */
    static final long ANY_STUCK = 0;

    private final Map<String, String> env;
    private final Background background;
    private final ObservableList<Fleet.Look> rows = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("Not looked yet.");
    private final ReadOnlyBooleanWrapper looking = new ReadOnlyBooleanWrapper(false);
    private Background.Timer timer;

    public ServersViewModel(Map<String, String> env, Background background) {
        this.env = env;
        this.background = background;
    }

    public ObservableList<Fleet.Look> rows() {
        return rows;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty lookingProperty() {
        return looking.getReadOnlyProperty();
    }

    /** Looks now, then every {@link #EVERY}. */
    public void start() {
        refresh();
        if (timer == null) {
            timer = background.every(EVERY, this::refresh);
            timer.restart();
        }
    }

    public void stop() {
        if (timer != null) {
            timer.stop();
        }
    }

    /** Looks at every saved profile's server now (unless a look is running). */
    public void refresh() {
        if (looking.get()) {
            return;
        }
        looking.set(true);
        status.set("Looking at the saved servers\u2026");
        background.run(() -> {
            List<ConnectionProfile> profiles = new ProfileStore(ConfigDir.locate(env).profiles()).load().profiles();
            return new Fleet(DataDir.locate(env), ConfigDir.locate(env), null, Duration.ofSeconds(5), MAX_RATE)
                    .lookAll(profiles);
        }, looks -> {
            looking.set(false);
            rows.setAll(looks);
            long unreachable = looks.stream().filter(l -> !l.reachable()).count();
            long crossed = looks.stream().filter(l -> l.reachable() && l.crossed(ANY_STUCK)).count();
            status.set(looks.isEmpty() ? "No saved profile: save one on the connect screen (or pending profiles add)."
                    : "Looked at " + looks.size() + " server" + (looks.size() == 1 ? "" : "s") + " at "
                    + LocalTime.now(ZoneId.systemDefault()).withNano(0) + ": " + unreachable + " unreachable, "
                    + crossed + " over the stuck threshold. Again every " + EVERY.toSeconds() + " s; double-click to open.");
        }, failure -> {
            looking.set(false);
            status.set("Could not look at the servers: " + Notice.describe(failure));
        });
    }
}
