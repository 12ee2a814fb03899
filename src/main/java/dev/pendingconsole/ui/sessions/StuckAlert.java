package dev.pendingconsole.ui.sessions;

/**
 * When to raise a desktop notification about stuck buffers: once each time the count goes from at or
 * below the threshold to above it, not on every re-scan while it stays above. A threshold of 0 is off.
 */
public final class StuckAlert {

    private final int above;
    private boolean raised;

    public StuckAlert(int above) {
        if (above < 0) {
            throw new IllegalArgumentException("the threshold must not be negative");
        }
        this.above = above;
    }

    /** Whether {@code stuck} buffers now is a new crossing, to notify about. */
    public boolean update(long stuck) {
        if (above == 0) {
            return false;
        }
        boolean over = stuck > above;
        boolean crossing = over && !raised;
        raised = over;
        return crossing;
    }

    public int threshold() {
        return above;
    }
}
