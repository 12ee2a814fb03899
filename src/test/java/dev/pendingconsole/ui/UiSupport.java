package dev.pendingconsole.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;

/** Waiting for the console's background work, and pictures of what it shows. */
final class UiSupport {

    private UiSupport() {
    }

    static void waitUntil(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    /** Waits for a condition on Redis, polled from the test thread (Redis is refused on the FX thread). */
    static void waitForRedis(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    static boolean onFx(BooleanSupplier condition) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(condition::getAsBoolean));
    }

    /** Writes a PNG of the scene to target/screenshots (and to -Dscreenshots.dir when set). */
    static Path snapshot(FxRobot robot, Scene scene, String name) {
        Path[] out = new Path[1];
        robot.interact(() -> {
            var image = scene.snapshot(null);
            try {
                Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
                Files.createDirectories(dir);
                out[0] = dir.resolve(name + ".png");
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out[0].toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return out[0];
    }

    /** Waits for the write door's confirmation dialog, then presses {@code button} ("OK" or "Cancel"). */
    static void answer(FxRobot robot, String button) {
        waitUntil("the confirmation dialog shows", () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        Button pressed = robot.lookup("#confirm-dialog .button").queryAllAs(Button.class)
                .stream().filter(b -> button.equals(b.getText())).findFirst().orElseThrow();
        robot.clickOn(pressed);
        waitUntil("the confirmation dialog closes", () -> robot.lookup("#confirm-dialog").tryQuery().isEmpty());
    }

    static <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }
}
