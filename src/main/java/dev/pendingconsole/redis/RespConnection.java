package dev.pendingconsole.redis;

import dev.pendingconsole.core.Decimal;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.protocol.RedisProtocolException;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A plain RESP2 connection for pipelined reads, on a socket of its own: commands are encoded into one
 * buffer, written in one flush, and their replies parsed in order when someone waits for one. A scan of
 * 100,000 buffers is half a million small commands; through Lettuce each costs a future, a timeout task
 * and a trip through Netty's pipeline, and a short-lived process spends more time compiling that path
 * than Redis spends answering. Here a command is a few bytes in an array and a reply a few bytes parsed.
 *
 * <p>Only for reads on one server (not a cluster, not through Sentinel): {@link RedisGateway#batch} uses
 * it where it can. Errors are raised as the Lettuce exceptions {@link Failures} already translates, so a
 * WRONGTYPE, a refused password or a timeout reads the same on either path. A failed read breaks the
 * connection (the next batch opens a new one): the replies still owed are lost with it. Thread-safe.
 */
final class RespConnection implements AutoCloseable {

    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Duration timeout;
    private final byte[] readBuffer = new byte[1 << 16];
    private int readPos;
    private int readLimit;
    private byte[] writeBuffer = new byte[1 << 16];
    private int writeLength;
    private final ArrayDeque<Slot> unread = new ArrayDeque<>();
    private IOException broken;
    private volatile boolean closed;

    private RespConnection(Socket socket, Duration timeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.timeout = timeout;
    }

    /** Connects, authenticates and selects the URI's database; a failure comes as a Lettuce exception. */
    static RespConnection open(RedisURI uri, Path caFile) {
        Socket socket = null;
        try {
            Duration timeout = uri.getTimeout();
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            if (uri.isSsl()) {
                socket = tls(socket, uri, caFile);
            }
            RespConnection c = new RespConnection(socket, timeout);
            c.handshake(uri);
            return c;
        } catch (IOException | GeneralSecurityException e) {
            closeQuietly(socket);
            throw new RedisConnectionException("Unable to connect to " + uri.getHost() + ":" + uri.getPort(), e);
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private void handshake(RedisURI uri) {
        char[] password = uri.getPassword();
        if (password != null && password.length > 0) {
            Slot auth = uri.getUsername() == null ? send(bytes("AUTH"), utf8(password))
                    : send(bytes("AUTH"), bytes(uri.getUsername()), utf8(password));
            flush();
            Object reply = auth.value();
            // a password given to a server without one: Lettuce goes on as well (the gateway warns of it)
            if (reply instanceof ServerError e && !e.message.contains("without any password configured")
                    && !e.message.contains("no password is set")) {
                throw new RedisCommandExecutionException(e.message);
            }
        }
        if (uri.getDatabase() != 0) {
            Slot select = send(bytes("SELECT"), bytes(Integer.toString(uri.getDatabase())));
            flush();
            if (select.value() instanceof ServerError e) {
                throw new RedisCommandExecutionException(e.message);
            }
        }
    }

    private static Socket tls(Socket plain, RedisURI uri, Path caFile) throws IOException, GeneralSecurityException {
        TrustManager[] trust;
        if (!uri.isVerifyPeer()) {
            trust = new TrustManager[]{new TrustingAll()};
        } else {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caFile == null) {
                factory.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream pem = Files.newInputStream(caFile)) {
                    int i = 0;
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                        store.setCertificateEntry("ca-" + i++, certificate);
                    }
                }
                factory.init(store);
            }
            trust = factory.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, uri.getHost(), uri.getPort(), true);
        if (uri.isVerifyPeer()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        return socket;
    }

    /** Queues a command; its reply is read when the returned slot is waited for (after {@link #flush}). */
    synchronized Slot send(byte[]... args) {
        ensure(16);
        writeByte('*');
        writeDecimal(args.length);
        for (byte[] arg : args) {
            ensure(arg.length + 20);
            writeByte('$');
            writeDecimal(arg.length);
            System.arraycopy(arg, 0, writeBuffer, writeLength, arg.length);
            writeLength += arg.length;
            writeByte('\r');
            writeByte('\n');
        }
        Slot slot = new Slot(this);
        unread.add(slot);
        return slot;
    }

    /** Sends what was queued. */
    synchronized void flush() {
        if (writeLength == 0) {
            return;
        }
        try {
            checkOpen();
            out.write(writeBuffer, 0, writeLength);
            out.flush();
        } catch (IOException e) {
            breakWith(e);
        } finally {
            writeLength = 0;
            if (writeBuffer.length > 1 << 20) {
                writeBuffer = new byte[1 << 16]; // one huge batch should not pin its buffer for the connection's life
            }
        }
    }

    boolean isOpen() {
        return !closed && broken == null && !socket.isClosed();
    }

    /**
     * Whether an idle connection is still there: a server that went away (restarted, or closed idle clients)
     * shows only when read from, so an idle connection is read from for a millisecond before a new batch
     * goes out on it, as Lettuce would have seen the close already. A connection with replies still owed
     * is in use: nothing to probe.
     */
    synchronized boolean stillThere() {
        if (!isOpen()) {
            return false;
        }
        if (!unread.isEmpty() || readPos < readLimit) {
            return true;
        }
        try {
            socket.setSoTimeout(1);
            try {
                int n = in.read(readBuffer, 0, readBuffer.length);
                if (n < 0) {
                    breakWith(new EOFException("the server closed the connection"));
                    return false;
                }
                breakWith(new IOException("the server sent " + n + " bytes nobody asked for"));
                return false;
            } finally {
                socket.setSoTimeout((int) timeout.toMillis());
            }
        } catch (SocketTimeoutException quiet) {
            return true;
        } catch (IOException e) {
            breakWith(e);
            return false;
        }
    }

    /** Closes the socket without waiting for a reader: one blocked on a reply gets its failure at once. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(socket);
    }

    /** Reads replies in order until {@code slot}'s has come. */
    private synchronized void readUntil(Slot slot) {
        while (!slot.done) {
            Slot next = unread.peek();
            if (next == null) {
                throw new IllegalStateException("a reply was awaited that was never sent");
            }
            try {
                checkOpen();
                Object value = readReply();
                unread.poll();
                next.complete(value);
            } catch (IOException e) {
                breakWith(e);
            }
        }
    }

    private void checkOpen() throws IOException {
        if (broken != null) {
            throw broken;
        }
        if (closed) {
            throw new IOException("connection closed");
        }
    }

    private void breakWith(IOException cause) {
        if (broken == null) {
            broken = cause;
            closeQuietly(socket);
        }
        RuntimeException failure = cause instanceof SocketTimeoutException
                ? new RedisCommandTimeoutException("Command timed out after " + timeout.toMillis() + " ms")
                : cause instanceof NotRedis
                ? new RedisConnectionException(cause.getMessage(), new RedisProtocolException(cause.getMessage()))
                : new RedisConnectionException("connection to Redis lost: " + cause.getMessage(), cause);
        for (Slot s = unread.poll(); s != null; s = unread.poll()) {
            s.fail(failure);
        }
    }

    // ------------------------------------------------------------------ reading

    private Object readReply() throws IOException {
        int type = readByte();
        return switch (type) {
            case '+' -> status(readLine());
            case '-' -> new ServerError(new String(readLine(), StandardCharsets.UTF_8));
            case ':' -> readLong();
            case '$' -> readBulk();
            case '*' -> readArray();
            default -> throw new NotRedis("not a Redis reply (first byte 0x" + Integer.toHexString(type & 0xFF)
                    + "); is this port a Redis server?");
        };
    }

    private byte[] readBulk() throws IOException {
        long n = readLong();
        if (n < 0) {
            return null;
        }
        byte[] value = new byte[Math.toIntExact(n)];
        int off = 0;
        while (off < value.length) {
            if (readPos == readLimit) {
                fill();
            }
            int k = Math.min(readLimit - readPos, value.length - off);
            System.arraycopy(readBuffer, readPos, value, off, k);
            readPos += k;
            off += k;
        }
        readByte();
        readByte();
        return value;
    }

    private List<Object> readArray() throws IOException {
        long n = readLong();
        if (n < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>((int) Math.min(n, 1 << 16));
        for (long i = 0; i < n; i++) {
            items.add(readReply());
        }
        return items;
    }

    private long readLong() throws IOException {
        long n = 0;
        boolean negative = false;
        int c = readByte();
        if (c == '-') {
            negative = true;
            c = readByte();
        }
        while (c != '\r') {
            if (c < '0' || c > '9') {
                throw new NotRedis("a malformed number in a Redis reply");
            }
            n = n * 10 + (c - '0');
            c = readByte();
        }
        readByte();
        return negative ? -n : n;
    }

    /** The status replies a scan gets by the hundred thousand (TYPE's), as shared strings. */
    private static final String[] STATUSES = {"OK", "string", "list", "hash", "set", "zset", "stream", "none", "PONG", "QUEUED"};
    private static final byte[][] STATUS_BYTES = Arrays.stream(STATUSES).map(RespConnection::bytes).toArray(byte[][]::new);

    private static String status(byte[] line) {
        for (int i = 0; i < STATUSES.length; i++) {
            if (Arrays.equals(line, STATUS_BYTES[i])) {
                return STATUSES[i];
            }
        }
        return new String(line, StandardCharsets.UTF_8);
    }

    private byte[] readLine() throws IOException {
        for (int i = readPos; i < readLimit; i++) { // most lines are whole in the buffer: no copy but the result
            if (readBuffer[i] == '\r' && i + 1 < readLimit) {
                byte[] line = Arrays.copyOfRange(readBuffer, readPos, i);
                readPos = i + 2;
                return line;
            }
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        for (int c = readByte(); c != '\r'; c = readByte()) {
            line.write(c);
        }
        readByte();
        return line.toByteArray();
    }

    private int readByte() throws IOException {
        if (readPos == readLimit) {
            fill();
        }
        return readBuffer[readPos++];
    }

    private void fill() throws IOException {
        int n = in.read(readBuffer, 0, readBuffer.length);
        if (n <= 0) {
            throw new EOFException("the server closed the connection");
        }
        readPos = 0;
        readLimit = n;
    }

    // ------------------------------------------------------------------ writing

    private void ensure(int more) {
        if (writeLength + more > writeBuffer.length) {
            writeBuffer = Arrays.copyOf(writeBuffer, Math.max(writeBuffer.length * 2, writeLength + more));
        }
    }

    private void writeByte(int b) {
        writeBuffer[writeLength++] = (byte) b;
    }

    /** A count or length (never negative), written in place: through Integer.toString it was 100 MB of garbage a list. */
    private void writeDecimal(int n) {
        writeLength = Decimal.write(n, writeBuffer, writeLength);
        writeBuffer[writeLength++] = CRLF[0];
        writeBuffer[writeLength++] = CRLF[1];
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        return out;
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
        }
    }

    /** Bytes that are not Redis's protocol: something else listens on the port. */
    static final class NotRedis extends IOException {
        NotRedis(String message) {
            super(message);
        }
    }

    /** An error reply ({@code -ERR ...}, {@code -WRONGTYPE ...}): the command failed, the connection is fine. */
    record ServerError(String message) {
    }

    /** One command's reply, read on demand. */
    static final class Slot extends OnDemand<Object> {
        private final RespConnection connection;
        private volatile boolean done;
        private Object value;
        private RuntimeException failure;

        Slot(RespConnection connection) {
            this.connection = connection;
        }

        void complete(Object reply) {
            value = reply;
            done = true;
        }

        void fail(RuntimeException error) {
            failure = error;
            done = true;
        }

        /** The raw reply (a {@link ServerError} for an error reply); a broken connection throws. */
        Object value() {
            if (!done) {
                connection.readUntil(this);
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }

        @Override
        public Object get() throws ExecutionException {
            Object reply;
            try {
                reply = value();
            } catch (RuntimeException e) {
                throw new ExecutionException(e);
            }
            if (reply instanceof ServerError error) {
                throw new ExecutionException(new RedisCommandExecutionException(error.message()));
            }
            return reply;
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }

    /** verify-peer off: any certificate is accepted, as Lettuce does with verifyPeer(false). */
    private static final class TrustingAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
