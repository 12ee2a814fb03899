package dev.pendingconsole.ui.common;

import dev.pendingconsole.ops.write.Confirmer;
import dev.pendingconsole.ops.write.Question;
import dev.pendingconsole.ops.write.WritePlan;
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

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * How the console shows the write door's question: a dialog with the plan's preview (what is removed,
 * evicted or added, and any warning), and for a typed question a field for the token (OK stays disabled
 * until it matches; the door checks it again). The door asks on a worker thread; the dialog is shown on
 * the FX thread and the worker waits for the answer.
 */
public final class ConfirmDialog implements Confirmer {

    private final Supplier<Window> owner;

    public ConfirmDialog(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<String> answer(WritePlan<?> plan, Question question) {
        if (Platform.isFxApplicationThread()) {
            return ask(plan, question);
        }
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(ask(plan, question));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    private Optional<String> ask(WritePlan<?> plan, Question question) {
        boolean typed = question.level() == Question.Level.TYPED;
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(!typed ? "Confirm" : plan.foreignServer().isPresent() ? "Another server's backup: confirm"
                : "Production: confirm");
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
        if (plan.backsUp()) { // said only of a write that does write one: the door's plan says which
            body.getChildren().add(new Label("A backup is written first; Undo puts it back."));
        }
        var ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        TextField token = new TextField();
        if (typed) {
            token.setId("confirm-session");
            token.setPromptText(question.token());
            body.getChildren().addAll(new Label((plan.foreignServer().isPresent() ? "This backup is another server's: type "
                    : "Production: type ") + "the " + question.tokenName() + " to confirm."), token);
            // a convenience only: the door compares what was typed itself
            ok.disableProperty().bind(token.textProperty().isNotEqualTo(question.token()));
            Platform.runLater(token::requestFocus);
        }
        dialog.getDialogPane().setContent(body);
        dialog.getDialogPane().setPrefWidth(560);
        boolean yes = dialog.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        return !yes ? Optional.empty() : Optional.of(typed ? token.getText() : "yes");
    }

    /** A plain message, for input the console cannot use. */
    public static void inform(String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        alert.setHeaderText(null);
        alert.showAndWait();
    }
}
