package dev.pendingconsole.ui;

import dev.pendingconsole.core.RedisFailure;
import dev.pendingconsole.core.RedisTarget;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Map;
import java.util.function.Consumer;

/** The connect screen's state: where to connect, how, and why the last attempt failed. */
public final class ConnectViewModel {

    private final StringProperty url = new SimpleStringProperty();
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final BooleanProperty production = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Background background;
    private final Map<String, String> env;
    private final Consumer<Connection> onConnected;

    public ConnectViewModel(Background background, Map<String, String> env, Consumer<Connection> onConnected) {
        this.background = background;
        this.env = env;
        this.onConnected = onConnected;
        url.set(env.getOrDefault("REDIS_URL", RedisTarget.DEFAULT_URL));
    }

    public StringProperty urlProperty() {
        return url;
    }

    /** Never stored: asked each session, merged into the URL only in memory. */
    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public BooleanProperty productionProperty() {
        return production;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public void connect() {
        RedisTarget target;
        try {
            target = RedisTarget.parse(withPassword(url.get().trim(), password.get())).readOnly(readOnly.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        start(() -> Connection.open(target, target.address(), production.get(), env));
    }

    public void startSandbox() {
        boolean ro = readOnly.get();
        start(() -> Connection.sandbox(ro, env));
    }

    private void start(java.util.concurrent.Callable<Connection> open) {
        busy.set(true);
        error.set("");
        background.run(open, connection -> {
            busy.set(false);
            onConnected.accept(connection);
        }, failure -> {
            busy.set(false);
            error.set(describe(failure));
        });
    }

    static String describe(Throwable failure) {
        if (failure instanceof RedisFailure || failure instanceof IllegalArgumentException) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static String withPassword(String url, String password) {
        if (password == null || password.isEmpty() || url.contains("@")) {
            return url;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        return url.substring(0, scheme + 3) + ":" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                + "@" + url.substring(scheme + 3);
    }
}
