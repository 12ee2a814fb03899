package dev.pendingconsole.ui.backups;

import dev.pendingconsole.local.BackupCatalog;
import dev.pendingconsole.local.BackupEntry;
import dev.pendingconsole.local.BackupFile;
import dev.pendingconsole.local.BackupOrigin;
import dev.pendingconsole.local.DataDir;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Format;
import dev.pendingconsole.ui.common.Notice;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The backups of this machine's data folder, newest first, read on a worker; the one selected is previewed
 * (its first {@link #PREVIEW} entries, read again from the file) and can be restored. A restore is handed to
 * {@code restorer}, the inspector's, which sends it through the write door: the door shows what goes back
 * where, asks (and asks again for a backup of another server), writes only what is not there yet, audits.
 */
public final class BackupsViewModel {

    /** How many entries of a backup the preview shows. */
    static final int PREVIEW = 200;

    /** One entry of the preview: the key it came from, its index there, the key's TTL then, the message's text. */
    public record PreviewRow(String key, long index, String ttl, String message) {
    }

    private final DataDir data;
    private final Supplier<BackupOrigin> here;
    private final Background background;
    private final Consumer<Path> restorer;
    private final Function<String, String> sessionOf;
    private final ObservableList<BackupCatalog.Listed> rows = FXCollections.observableArrayList();
    private final ObservableList<PreviewRow> preview = FXCollections.observableArrayList();
    private final ObjectProperty<BackupCatalog.Listed> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<BackupOrigin> origin = new SimpleObjectProperty<>(new BackupOrigin("", "", ""));
    private final StringProperty status = new SimpleStringProperty("Not read yet.");
    private final StringProperty previewStatus = new SimpleStringProperty("Select a backup to see its entries.");
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(false);
    private boolean folderExists;

    /**
     * {@code here}: the connected server as backups name it (asked on a worker); {@code sessionOf}: the
     * session a key names in this connection's layout (the key itself where it names none).
     */
    public BackupsViewModel(DataDir data, Supplier<BackupOrigin> here, Background background, Consumer<Path> restorer,
                            Function<String, String> sessionOf) {
        this.data = data;
        this.here = here;
        this.background = background;
        this.restorer = restorer;
        this.sessionOf = sessionOf;
        selected.addListener((o, was, now) -> preview(now));
    }

    public ObservableList<BackupCatalog.Listed> rows() {
        return rows;
    }

    public ObservableList<PreviewRow> preview() {
        return preview;
    }

    public ObjectProperty<BackupCatalog.Listed> selectedProperty() {
        return selected;
    }

    /** The connected server, to mark the backups taken from another. */
    public ObjectProperty<BackupOrigin> originProperty() {
        return origin;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty previewStatusProperty() {
        return previewStatus;
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** The sessions a backup holds entries of, for its row: "a, b and 3 more". */
    public String sessions(BackupCatalog.Listed b) {
        List<String> names = b.keys().stream().map(sessionOf).toList();
        return names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 2)) + " and " + (names.size() - 2) + " more";
    }

    /** Where the backups are: the restore file chooser opens there. */
    public Path folder() {
        return BackupCatalog.folder(data);
    }

    /** Whether the folder existed at the last read (the chooser is not sent to a folder that is not there). */
    public boolean folderExists() {
        return folderExists;
    }

    /** Reads the folder again (unless a read is running); the selection follows its file. */
    public void refresh() {
        if (reading.get()) {
            return;
        }
        reading.set(true);
        status.set("Reading the backups in " + folder() + "\u2026");
        record Read(BackupOrigin here, List<BackupCatalog.Listed> backups, boolean folderExists) {
        }
        background.run(() -> new Read(here.get(), BackupCatalog.list(data), Files.isDirectory(folder())), read -> {
            reading.set(false);
            folderExists = read.folderExists();
            Path was = selected.get() == null ? null : selected.get().file();
            origin.set(read.here());
            rows.setAll(read.backups());
            selected.set(rows.stream().filter(b -> b.file().equals(was)).findFirst().orElse(null));
            long other = rows.stream().filter(b -> b.fromAnotherServer(read.here())).count();
            status.set(rows.isEmpty() ? "No backups yet in " + folder() + ": every clear, drain and remove writes one."
                    : Workspace.count(rows.size(), "backup", "backups") + " in " + folder()
                    + (other > 0 ? "; " + other + " from another server (marked)" : "") + ".");
        }, failure -> {
            reading.set(false);
            status.set("Could not read the backups: " + Notice.describe(failure));
        });
    }

    /** Restores the selected backup through the door (which shows it and asks first). */
    public void restoreSelected() {
        BackupCatalog.Listed b = selected.get();
        if (b != null && b.unreadable().isEmpty()) {
            restorer.accept(b.file());
        }
    }

    /** Restores a file chosen by hand (an export, or a backup copied from another machine). */
    public void restore(Path file) {
        restorer.accept(file);
    }

    private void preview(BackupCatalog.Listed b) {
        preview.clear();
        if (b == null) {
            previewStatus.set("Select a backup to see its entries.");
            return;
        }
        if (b.unreadable().isPresent()) {
            previewStatus.set("Unreadable: " + b.unreadable().get());
            return;
        }
        previewStatus.set("Reading " + b.file().getFileName() + "\u2026");
        background.run(() -> BackupFile.read(b.file()).entries().stream().limit(PREVIEW).map(BackupsViewModel::row).toList(),
                shown -> {
                    if (b.equals(selected.get())) {
                        preview.setAll(shown);
                        previewStatus.set((shown.size() < b.entries() ? "The first " + shown.size() + " of " : "")
                                + Workspace.entries(b.entries()) + ", as the file holds them"
                                + b.origin().map(o -> "; taken from " + o.describe()).orElse("; from an older file that names no server")
                                + (b.fromAnotherServer(origin.get()) ? " (another server)" : "") + ".");
                    }
                }, failure -> {
                    if (b.equals(selected.get())) {
                        previewStatus.set("Could not read " + b.file() + ": " + Notice.describe(failure));
                    }
                });
    }

    private static PreviewRow row(BackupEntry e) {
        String text = e.raw().lossyText().replace('\n', ' ');
        return new PreviewRow(e.keyText(), e.index(), e.ttl().isEmpty() ? "none" : Format.duration(e.ttl()),
                text.length() > 300 ? text.substring(0, 300) + "\u2026" : text);
    }
}
