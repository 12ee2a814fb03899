package dev.pendingconsole.ui.connect;

import dev.pendingconsole.core.BackendChoice;
import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.core.PublishMode;
import dev.pendingconsole.core.RedisTarget;
import dev.pendingconsole.local.ConfigDir;
import dev.pendingconsole.local.ConnectionProfile;
import dev.pendingconsole.local.ProfileStore;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Connection;
import dev.pendingconsole.ui.common.Notice;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The connect screen's state: the saved profiles, the profile being edited (URL, TLS, topology, key
 * schema, read-only, production), a password that is never stored, and why the last attempt failed.
 */
public final class ConnectViewModel {

    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty();
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final BooleanProperty production = new SimpleBooleanProperty();
    private final BooleanProperty sandboxCluster = new SimpleBooleanProperty();
    private final BooleanProperty verifyPeer = new SimpleBooleanProperty(true);
    private final StringProperty caFile = new SimpleStringProperty("");
    private final ObjectProperty<RedisTarget.Mode> mode = new SimpleObjectProperty<>(RedisTarget.Mode.AUTO);
    private final StringProperty prefix = new SimpleStringProperty(KeySchema.SEED.prefix());
    private final ObjectProperty<KeyLayout> layout = new SimpleObjectProperty<>(KeySchema.SEED.layout());
    private final StringProperty cap = new SimpleStringProperty(Integer.toString(KeySchema.SEED.cap()));
    private final StringProperty ttl = new SimpleStringProperty(Long.toString(KeySchema.SEED.ttl().getSeconds()));
    private final StringProperty metaPrefix = new SimpleStringProperty(KeySchema.SEED.metaPrefix());
    private final ObjectProperty<PublishMode> publish = new SimpleObjectProperty<>(KeySchema.SEED.publishMode());
    private final ObjectProperty<BackendChoice> backend =
            new SimpleObjectProperty<>(BackendChoice.AUTO);
    private final StringProperty stuckAlert = new SimpleStringProperty("0");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty info = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Background background;
    private final Map<String, String> env;
    private final Consumer<Connection> onConnected;
    private ProfileStore store;

    public ConnectViewModel(Background background, Map<String, String> env, Consumer<Connection> onConnected) {
        this.background = background;
        this.env = env;
        this.onConnected = onConnected;
        url.set(env.getOrDefault("REDIS_URL", RedisTarget.DEFAULT_URL));
        selected.addListener((o, a, p) -> {
            if (p != null) {
                edit(p);
            }
        });
        background.run(() -> store().load(), loaded -> {
            profiles.setAll(loaded.profiles());
            if (loaded.problem() != null) {
                error.set(loaded.problem());
            }
        }, failure -> error.set("Could not read the saved profiles: " + Notice.describe(failure)));
    }

    public ObservableList<ConnectionProfile> profiles() {
        return profiles;
    }

    public ObjectProperty<ConnectionProfile> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    /** Never stored: asked each session, given to the connection only in memory. */
    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public BooleanProperty productionProperty() {
        return production;
    }

    public BooleanProperty verifyPeerProperty() {
        return verifyPeer;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public ObjectProperty<RedisTarget.Mode> modeProperty() {
        return mode;
    }

    public StringProperty prefixProperty() {
        return prefix;
    }

    public ObjectProperty<KeyLayout> layoutProperty() {
        return layout;
    }

    public StringProperty capProperty() {
        return cap;
    }

    public StringProperty ttlProperty() {
        return ttl;
    }

    public StringProperty metaPrefixProperty() {
        return metaPrefix;
    }

    public ObjectProperty<BackendChoice> backendProperty() {
        return backend;
    }

    /** "Notify when more than N buffers are stuck" (0: never). */
    public StringProperty stuckAlertProperty() {
        return stuckAlert;
    }

    public ObjectProperty<PublishMode> publishProperty() {
        return publish;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** Good news (a profile saved), shown apart from errors. */
    public StringProperty infoProperty() {
        return info;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    private void edit(ConnectionProfile p) {
        name.set(p.name());
        url.set(p.url());
        password.set("");
        readOnly.set(p.readOnly());
        production.set(p.production());
        verifyPeer.set(p.verifyPeer());
        caFile.set(p.caFile() == null ? "" : p.caFile());
        mode.set(p.mode());
        KeySchema s = p.schema();
        prefix.set(s.prefix());
        layout.set(s.layout());
        cap.set(Integer.toString(s.cap()));
        ttl.set(Long.toString(s.ttl().getSeconds()));
        metaPrefix.set(s.metaPrefix());
        publish.set(s.publishMode());
        backend.set(p.backend());
        stuckAlert.set(Integer.toString(p.notifyStuckAbove()));
    }

    /** The profile the form describes; an {@link IllegalArgumentException} says what is wrong. */
    ConnectionProfile formProfile() {
        int capValue;
        long ttlValue;
        int alertValue;
        try {
            capValue = Integer.parseInt(cap.get().trim());
            ttlValue = Long.parseLong(ttl.get().trim());
            alertValue = stuckAlert.get().isBlank() ? 0 : Integer.parseInt(stuckAlert.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cap, TTL and the stuck alert must be whole numbers");
        }
        String profileName = name.get().isBlank() ? RedisTarget.parse(url.get().trim()).address() : name.get().trim();
        ConnectionProfile base = new ConnectionProfile(profileName, url.get().trim(), verifyPeer.get(), caFile.get().trim(),
                mode.get(), KeySchema.SEED, readOnly.get(), production.get());
        return base.withSchema(prefix.get(), layout.get(), capValue, Duration.ofSeconds(ttlValue), metaPrefix.get(), publish.get())
                .withBackend(backend.get()).withStuckAlert(alertValue);
    }

    public void connect() {
        ConnectionProfile profile;
        try {
            profile = formProfile();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        String secret = password.get();
        start(() -> Connection.open(profile, secret, env));
    }

    /** Whether the sandbox starts as a 3-master Redis Cluster, as today's backend runs on. */
    public BooleanProperty sandboxClusterProperty() {
        return sandboxCluster;
    }

    public void startSandbox() {
        boolean ro = readOnly.get();
        boolean asCluster = sandboxCluster.get();
        start(() -> Connection.sandbox(ro, asCluster, env));
    }

    /** Saves the form as a profile (replacing one of the same name); never with the password. */
    public void saveProfile() {
        ConnectionProfile profile;
        try {
            profile = formProfile();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        List<ConnectionProfile> next = new ArrayList<>(profiles);
        next.removeIf(p -> p.name().equals(profile.name()));
        next.add(profile);
        persist(next, "Saved profile " + profile.name() + " (without its password).");
    }

    public void deleteProfile() {
        ConnectionProfile p = selected.get();
        if (p == null) {
            return;
        }
        List<ConnectionProfile> next = new ArrayList<>(profiles);
        next.remove(p);
        persist(next, "Deleted profile " + p.name() + ".");
    }

    private void persist(List<ConnectionProfile> next, String done) {
        background.run(() -> {
            store().save(next);
            return next;
        }, saved -> {
            profiles.setAll(saved);
            error.set("");
            info.set(done);
        }, failure -> error.set(Notice.describe(failure)));
    }

    /** Created on first use, off the FX thread: it brings Jackson in, which the first frame does not need. */
    private synchronized ProfileStore store() {
        if (store == null) {
            store = new ProfileStore(ConfigDir.locate(env).profiles());
        }
        return store;
    }

    private void start(Callable<Connection> open) {
        busy.set(true);
        error.set("");
        background.run(open, connection -> {
            busy.set(false);
            password.set("");
            onConnected.accept(connection);
        }, failure -> {
            busy.set(false);
            error.set(Notice.describe(failure));
        });
    }

}
