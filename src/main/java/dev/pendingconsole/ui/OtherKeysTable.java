package dev.pendingconsole.ui;

import dev.pendingconsole.core.KeySchema;
import dev.pendingconsole.ops.OtherKey;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Format;
import dev.pendingconsole.ui.common.Notice;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The keys under the prefix that are not buffers (turn hashes, claims, rate limits, strays), with what
 * each is; trouble (a stray of the wrong type, a claim with no turn) is marked. A double-click reads one.
 */
final class OtherKeysTable extends TableView<OtherKey> {

    OtherKeysTable(ObservableList<OtherKey> keys, Workspace workspace, Background background, Consumer<Notice> notices) {
        super(keys);
        KeySchema schema = workspace.schema();
        setId("other-keys");
        getColumns().add(column("Key", 320, OtherKey::keyText));
        getColumns().add(column("Type", -1, OtherKey::type));
        getColumns().add(column("TTL", -1, k -> Format.duration(k.ttl())));
        getColumns().add(column("What it is", 300, k -> k.role(schema)));
        PseudoClass trouble = PseudoClass.getPseudoClass("stuck");
        setRowFactory(t -> {
            TableRow<OtherKey> row = new TableRow<>() {
                @Override
                protected void updateItem(OtherKey item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(trouble, !empty && item != null && item.isTrouble(schema));
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    OtherKey other = row.getItem();
                    background.run(() -> workspace.peekOther(other), text -> look(other, text),
                            failure -> notices.accept(Notice.error("Could not read " + other.keyText() + ": "
                                    + Notice.describe(failure))));
                }
            });
            return row;
        });
        setPlaceholder(new Label("No other keys under the prefix."));
        setTooltip(new Tooltip("Double-click a key to look at its value"));
    }

    private static TableColumn<OtherKey, String> column(String title, double width, Function<OtherKey, String> value) {
        TableColumn<OtherKey, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        if (width > 0) {
            column.setPrefWidth(width);
        }
        return column;
    }

    private void look(OtherKey other, String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.getStyleClass().add("mono");
        Alert look = new Alert(Alert.AlertType.INFORMATION);
        look.setHeaderText(other.keyText());
        look.getDialogPane().setContent(area);
        look.getDialogPane().setId("other-key-look");
        look.initOwner(getScene().getWindow());
        look.show();
    }
}
