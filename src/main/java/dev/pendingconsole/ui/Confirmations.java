package dev.pendingconsole.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;

import java.util.Optional;

/**
 * How the console asks before destroying anything. On a production connection the operator must type
 * the session id; elsewhere a plain OK/Cancel is enough. Runs on the FX thread (dialogs are modal).
 */
public final class Confirmations {

    private final boolean production;

    public Confirmations(boolean production) {
        this.production = production;
    }

    public boolean destructive(String question, String sessionId) {
        if (production) {
            TextInputDialog dialog = new TextInputDialog();
            dialog.setTitle("Production: confirm");
            dialog.setHeaderText(question);
            dialog.setContentText("Type the session id to confirm:");
            dialog.getEditor().setId("confirm-session");
            Optional<String> typed = dialog.showAndWait();
            return typed.isPresent() && typed.get().equals(sessionId);
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question + "\nA backup is written first; Undo restores it.",
                ButtonType.OK, ButtonType.CANCEL);
        alert.setTitle("Confirm");
        alert.setHeaderText(null);
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    public void inform(String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        alert.setHeaderText(null);
        alert.showAndWait();
    }
}
