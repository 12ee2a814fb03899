package dev.pendingconsole.devtools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Another client, as production has them: a process of its own that sends PING every millisecond and
 * times each answer, until its standard input closes; then prints "worst p99 p50 count" in microseconds.
 * The bench runs it beside a scan. In the bench's own JVM the probe's times were the bench's garbage
 * collections (20-30 ms pauses), not Redis's; here it allocates nothing while it measures, on a plain
 * socket, so what it sees is the server and the machine.
 */
public final class LatencyProbe {

    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

    private LatencyProbe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long[] rtts = new long[2_000_000];
        int n = 0;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7]; // +PONG\r\n
            Thread stdin = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the bench closes it to stop the probe
                    }
                } catch (IOException ignored) {
                    // same as closed
                }
            });
            stdin.setDaemon(true);
            stdin.start();
            System.out.println("ready");
            System.out.flush();
            while (stdin.isAlive() && n < rtts.length) {
                long t0 = System.nanoTime();
                out.write(PING);
                out.flush();
                for (int got = 0; got < reply.length; ) {
                    int k = in.read(reply, got, reply.length - got);
                    if (k < 0) {
                        throw new IOException("the server closed the connection");
                    }
                    got += k;
                }
                rtts[n++] = System.nanoTime() - t0;
                Thread.sleep(1);
            }
        }
        long[] seen = Arrays.copyOf(rtts, n);
        Arrays.sort(seen);
        System.out.printf("%d %d %d %d%n", n == 0 ? 0 : seen[n - 1] / 1000, n == 0 ? 0 : seen[(int) (n * 0.99)] / 1000,
                n == 0 ? 0 : seen[n / 2] / 1000, n);
    }

    /** Runs a probe against {@code host:port} in a child JVM; {@link Running#stop()} gives its figures. */
    static Running start(String host, int port) {
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                    System.getProperty("java.class.path"), LatencyProbe.class.getName(), host, Integer.toString(port))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            var lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            String ready = lines.readLine();
            if (!"ready".equals(ready)) {
                p.destroyForcibly();
                throw new IllegalStateException("the latency probe did not start");
            }
            return new Running(p, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("starting the latency probe", e);
        }
    }

    /** A probe at work. */
    record Running(Process process, BufferedReader lines) {
        /** Stops it; its worst, 99th percentile and median round trips in milliseconds, and how many it sent. */
        Figures stop() {
            try {
                process.getOutputStream().close();
                String[] f = lines.readLine().trim().split(" ");
                process.waitFor();
                return new Figures(Long.parseLong(f[0]) / 1000.0, Long.parseLong(f[1]) / 1000.0,
                        Long.parseLong(f[2]) / 1000.0, Long.parseLong(f[3]));
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw new IllegalStateException("the latency probe failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    record Figures(double worstMs, double p99Ms, double medianMs, long pings) {
    }
}
