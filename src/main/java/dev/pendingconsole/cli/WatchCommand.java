package dev.pendingconsole.cli;

import dev.pendingconsole.core.KeyLayout;
import dev.pendingconsole.ops.LiveFeed;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "watch",
        footer = {"", "Examples:", "  pending watch", "  pending --json watch --count 10 --seconds 60"}, description = {"Print one line per push as it happens, until Ctrl-C.", "PSUBSCRIBE hears the seed's PUBLISH; on Redis 7 an SSUBSCRIBE per current session hears"
            + " today's SPUBLISH, or, where the server sends keyspace notifications (notify-keyspace-events"
            + " El), every RPUSH (a new session's first push included); where subscribing is refused it polls."})
final class WatchCommand extends GlobalOptions.Base {

    @Option(names = "--count", paramLabel = "N", description = "Stop after N pushes.")
    Integer count;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds.")
    Long seconds;

    @Override
    public Integer call() throws InterruptedException {
        Output output = output();
        long[] remaining = {count == null ? Long.MAX_VALUE : count};
        CountDownLatch done = new CountDownLatch(remaining[0] > 0 ? 1 : 0);
        try (GlobalOptions.Connection redis = connect();
             LiveFeed feed = redis.ws.follow(event -> {
                 synchronized (output) {
                     if (remaining[0] == 0) {
                         return;
                     }
                     if (output.json) {
                         output.out.println(output.object().put("session", event.ref().session().text())
                                 .put("generation", event.ref().generation().label())
                                 .put("at", event.at().toString()));
                     } else {
                         output.out.println(LocalTime.ofInstant(event.at(), ZoneId.systemDefault()).withNano(0)
                                 + "  push  " + Output.oneLine(event.ref().session().text())
                                 + (event.ref().layout() == KeyLayout.HASH_TAG ? "  (current)" : ""));
                     }
                     remaining[0]--;
                     if (remaining[0] == 0 || output.failed()) { // output.failed(): the reader went away (| head)
                         remaining[0] = 0;
                         done.countDown();
                     }
                 }
             }, Duration.ofSeconds(1))) {
            output.err.println("watching pushes (" + (feed.mode() == LiveFeed.Mode.POLLING
                    ? "polling every second: notify channels unavailable"
                    : feed.hearsSharded() ? "PSUBSCRIBE for the seed's PUBLISH, SSUBSCRIBE per current session for today's"
                    + " SPUBLISH; " + feed.newSessions().orElse("") : "subscribed to the notify channels; no sharded pub/sub"
                    + " before Redis 7, so today's SPUBLISH pushes are not heard") + ")");
            output.err.flush();
            if (seconds != null) {
                done.await(seconds, TimeUnit.SECONDS);
            } else {
                done.await();
            }
        }
        return Cli.OK;
    }
}
