package dev.pendingconsole.ui.inspector;

import dev.pendingconsole.ops.BufferRef;
import dev.pendingconsole.ops.SupportView;
import dev.pendingconsole.ops.Workspace;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.common.Notice;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * "Did my message get through?": for the pinned buffer's session, every field of the turn hash, the
 * persist queue (drained, not yet saved as chat rows) and the idempotency claims of the client's sends,
 * read in the background when the pin changes or Refresh is pressed.
 */
public final class DeliveryView extends VBox {

    private final Workspace ws;
    private final Background background;
    private final StringProperty text = new SimpleStringProperty("Select a session to see its turn, persist queue and claims.");
    private BufferRef shown;

    public DeliveryView(Workspace ws, Background background) {
        this.ws = ws;
        this.background = background;
        setId("delivery");
        setSpacing(8);
        setPadding(new Insets(8));
        Label title = new Label("Turn hash, persist queue and idempotency claims");
        title.getStyleClass().add("text-muted");
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> show(shown));
        TextArea area = new TextArea();
        area.setId("delivery-text");
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("mono");
        area.textProperty().bind(text);
        setVgrow(area, Priority.ALWAYS);
        getChildren().addAll(new HBox(8, title, refresh), area);
    }

    /** Reads and shows {@code ref}'s session (null: nothing). */
    public void show(BufferRef ref) {
        shown = ref;
        if (ref == null) {
            return;
        }
        background.run(() -> ws.support(ref), (SupportView view) -> {
            if (ref.equals(shown)) {
                text.set(ref.keyText(ws.schema()) + " (" + ref.generation().label() + " backend)\n\n"
                        + String.join("\n", view.lines()));
            }
        }, failure -> text.set("Could not read: " + Notice.describe(failure)));
    }
}
