package dev.pendingconsole.ui.common;

import dev.pendingconsole.ops.Confirmer;
import dev.pendingconsole.ops.WritePlan;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * How the console answers the write door's question: a dialog with the plan's preview (what is removed,
 * evicted or added, and any warning). On production the operator types the session id (or user, or
 * count) and OK stays disabled until it matches. The door asks on a worker thread; the dialog is shown
 * on the FX thread and the worker waits for the answer.
 */
public final class ConfirmDialog implements Confirmer {

    private final Supplier<Window> owner;

    public ConfirmDialog(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(WritePlan<?> plan, boolean production) {
        if (Platform.isFxApplicationThread()) {
            return ask(plan, production);
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(ask(plan, production));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private boolean ask(WritePlan<?> plan, boolean production) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(production ? "Production: confirm" : "Confirm");
        dialog.setHeaderText(plan.summary());
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().setId("confirm-dialog");
        Window window = owner.get();
        if (window != null) {
            dialog.initOwner(window);
        }
        VBox body = new VBox(8);
        body.setPadding(new Insets(8, 12, 4, 12));
        if (!plan.details().isEmpty()) {
            TextArea details = new TextArea(String.join("\n", plan.details()));
            details.setId("confirm-details");
            details.setEditable(false);
            details.setWrapText(false);
            details.getStyleClass().add("mono");
            details.setPrefRowCount(Math.min(8, plan.details().size()));
            body.getChildren().add(details);
        }
        for (String warning : plan.warnings()) {
            Label w = new Label("\u26a0 " + warning);
            w.setWrapText(true);
            w.getStyleClass().add("warning-text");
            body.getChildren().add(w);
        }
        if (plan.isDestructive() && !plan.warnings().toString().contains("no backup")) {
            body.getChildren().add(new Label("A backup is written first; Undo puts it back."));
        }
        var ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        if (production) {
            String what = "the " + plan.confirmWhat();
            TextField typed = new TextField();
            typed.setId("confirm-session");
            typed.setPromptText(plan.confirmText());
            body.getChildren().addAll(new Label("Production: type " + what + " to confirm."), typed);
            ok.disableProperty().bind(typed.textProperty().isNotEqualTo(plan.confirmText()));
            Platform.runLater(typed::requestFocus);
        }
        dialog.getDialogPane().setContent(body);
        dialog.getDialogPane().setPrefWidth(560);
        return dialog.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /** A plain message, for input the console cannot use. */
    public static void inform(String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        alert.setHeaderText(null);
        alert.showAndWait();
    }
}
