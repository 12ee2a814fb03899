package dev.pendingconsole.ui.dashboard;

import dev.pendingconsole.ops.BufferStats;
import dev.pendingconsole.ops.BufferSummary;
import dev.pendingconsole.ui.common.Background;
import dev.pendingconsole.ui.sessions.SessionsViewModel;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;

/**
 * Totals, the spread of buffer lengths and last-push ages, and pushes per second from the live feed.
 * Figures are recomputed every two seconds from the rows already loaded (no extra Redis traffic), on a
 * worker, and only while the tab is showing: walking a million rows took the FX thread 100 ms and more.
 */
public final class DashboardView extends VBox {

    private final SessionsViewModel sessions;
    private final int cap;
    private final Background background;
    private final ObservableBooleanValue showing;
    private boolean counting;
    private final Label buffers = figure("dash-buffers");
    private final Label messages = figure("dash-messages");
    private final Label stuck = figure("dash-stuck");
    private final Label atCap = figure("dash-at-cap");
    private final XYChart.Series<String, Number> lengthSeries = new XYChart.Series<>();
    private final XYChart.Series<String, Number> ageSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> rate = new XYChart.Series<>();
    private final Timeline ticker;
    private final NumberAxis time = new NumberAxis();
    private long lastPushes;
    private long second;

    /** @param showing whether the dashboard is on screen (its tab selected): the figures are counted only then */
    public DashboardView(SessionsViewModel sessions, int cap, Background background, ObservableBooleanValue showing) {
        this.sessions = sessions;
        this.cap = cap;
        this.background = background;
        this.showing = showing;
        showing.addListener((o, was, now) -> {
            if (now) {
                update();
            }
        });
        setId("dashboard");
        setSpacing(10);
        setPadding(new Insets(10));
        GridPane totals = new GridPane();
        totals.setHgap(28);
        totals.addRow(0, caption("Buffers"), caption("Messages"), caption("Stuck"), caption("At cap"));
        totals.addRow(1, buffers, messages, stuck, atCap);
        stuck.getStyleClass().add("error-text");

        BarChart<String, Number> lengths = new BarChart<>(new CategoryAxis(), counts());
        lengths.setTitle("Buffer lengths");
        lengths.setLegendVisible(false);
        lengths.setAnimated(false);
        lengths.getData().add(lengthSeries);
        BarChart<String, Number> ages = new BarChart<>(new CategoryAxis(), counts());
        ages.setTitle("Last push");
        ages.setLegendVisible(false);
        ages.setAnimated(false);
        ages.getData().add(ageSeries);
        HBox charts = new HBox(8, lengths, ages);
        HBox.setHgrow(lengths, Priority.ALWAYS);
        HBox.setHgrow(ages, Priority.ALWAYS);

        time.setLabel("time");
        time.setForceZeroInRange(false);
        time.setAutoRanging(false); // the last minute, always: one point would otherwise span days
        time.setTickUnit(15);
        slideTimeAxis();
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(ZoneId.systemDefault());
        time.setTickLabelFormatter(new StringConverter<>() { // wall-clock time, not seconds since the tab opened
            @Override
            public String toString(Number epochSecond) {
                return clock.format(Instant.ofEpochSecond(epochSecond.longValue()));
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        NumberAxis perSecond = counts();
        perSecond.setLabel("pushes/s");
        LineChart<Number, Number> pushes = new LineChart<>(time, perSecond);
        pushes.setTitle("Pushes per second (live)");
        pushes.setLegendVisible(false);
        pushes.setAnimated(false);
        pushes.setCreateSymbols(false);
        pushes.getData().add(rate);
        setVgrow(charts, Priority.ALWAYS);
        setVgrow(pushes, Priority.ALWAYS);
        getChildren().addAll(totals, charts, pushes);

        lastPushes = sessions.pushesProperty().get(); // from now: the pushes seen before the tab opened are no spike
        rate.getData().add(new XYChart.Data<>(Instant.now().getEpochSecond(), 0)); // the axis starts now
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
        update();
    }

    private void tick() {
        long now = sessions.pushesProperty().get();
        rate.getData().add(new XYChart.Data<>(Instant.now().getEpochSecond(), now - lastPushes));
        slideTimeAxis();
        second++;
        lastPushes = now;
        if (rate.getData().size() > 60) {
            rate.getData().remove(0);
        }
        if (second % 2 == 0) {
            update();
        }
    }

    private void slideTimeAxis() {
        long now = Instant.now().getEpochSecond();
        time.setLowerBound(now - 60);
        time.setUpperBound(now);
    }

    /** Counts the rows loaded now on a worker (one copy of the references here), then shows the figures. */
    void update() {
        if (!showing.get() || counting) {
            return;
        }
        counting = true;
        BufferSummary[] rows = sessions.allRows().toArray(new BufferSummary[0]);
        background.run(() -> BufferStats.of(Arrays.asList(rows), cap), stats -> {
            counting = false;
            show(stats);
        }, failure -> counting = false);
    }

    private void show(BufferStats stats) {
        buffers.setText(Long.toString(stats.buffers()));
        messages.setText(Long.toString(stats.messages()));
        stuck.setText(Long.toString(stats.stuck()));
        atCap.setText(Long.toString(stats.atCap()));
        fill(lengthSeries, stats.lengths());
        fill(ageSeries, stats.ages());
    }

    private static void fill(XYChart.Series<String, Number> series, Map<String, Long> buckets) {
        if (series.getData().size() != buckets.size()) {
            series.getData().clear();
            buckets.forEach((k, v) -> series.getData().add(new XYChart.Data<>(k, v)));
            return;
        }
        int i = 0;
        for (Long v : buckets.values()) {
            series.getData().get(i++).setYValue(v);
        }
    }

    public void stop() {
        ticker.stop();
    }

    /** An axis of counts: whole numbers only (no ticks at halves). */
    private static NumberAxis counts() {
        NumberAxis axis = new NumberAxis();
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? Long.toString((long) v) : "";
            }

            @Override
            public Number fromString(String text) {
                return Long.parseLong(text);
            }
        });
        return axis;
    }

    private static Label figure(String id) {
        Label label = new Label("0");
        label.setId(id);
        label.getStyleClass().add("title-2");
        return label;
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        return label;
    }
}
