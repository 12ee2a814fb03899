package dev.pendingconsole.ui;

import dev.pendingconsole.ui.sessions.StuckAlert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The desktop notification's rule: once per crossing of the threshold, never while off. */
class StuckAlertTest {

    @Test
    void notifiesOncePerCrossing() {
        StuckAlert alert = new StuckAlert(5);
        assertThat(alert.update(3)).isFalse();
        assertThat(alert.update(7)).as("crossed").isTrue();
        assertThat(alert.update(8)).as("still above: no second notification").isFalse();
        assertThat(alert.update(5)).as("back at the threshold").isFalse();
        assertThat(alert.update(6)).as("crossed again").isTrue();
    }

    @Test
    void zeroIsOff() {
        StuckAlert off = new StuckAlert(0);
        assertThat(off.update(1_000)).isFalse();
    }
}
