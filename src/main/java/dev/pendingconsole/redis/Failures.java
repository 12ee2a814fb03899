package dev.pendingconsole.redis;

import dev.pendingconsole.core.RedisFailure;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.protocol.RedisProtocolException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Lettuce's exceptions, translated once into {@link RedisFailure}s a person can read and a caller can act on. */
final class Failures {

    private Failures() {
    }

    /** Classifies a lettuce exception raised while talking to {@code where}. */
    static RedisFailure of(Throwable error, String where) {
        if (error instanceof RedisFailure f) {
            return f;
        }
        Throwable root = rootCause(error);
        String text = String.valueOf(error.getMessage()) + " | " + root.getMessage();
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("NOAUTH")) {
            return new RedisFailure(RedisFailure.Kind.AUTH, "authentication refused by " + where
                    + ": it needs a password and none was given (redis://:PASSWORD@host:port, or the console's"
                    + " Password field)", error);
        }
        if (upper.contains("WRONGPASS") || upper.contains("INVALID USERNAME-PASSWORD")
                || upper.contains("AUTHENTICATION")) {
            return new RedisFailure(RedisFailure.Kind.AUTH, "authentication refused by " + where
                    + ": wrong user name or password", error);
        }
        if (upper.contains("NOPERM") || upper.contains("NO PERMISSION")) {
            return new RedisFailure(RedisFailure.Kind.NO_PERMISSION, "no permission on " + where + ": "
                    + serverMessage(error), error);
        }
        if (upper.contains("READONLY")) {
            return new RedisFailure(RedisFailure.Kind.READ_ONLY, where + " is a read-only replica; writes go to the master", error);
        }
        if (upper.contains("WRONGTYPE")) {
            return new RedisFailure(RedisFailure.Kind.WRONG_TYPE, "the key is not a list (WRONGTYPE), so it is not a"
                    + " pending buffer; nothing was changed", error);
        }
        Throwable tls = causeOfType(error, SSLException.class, GeneralSecurityException.class);
        if (tls != null || upper.contains("SSL") || upper.contains("CERTIFICATE")) {
            String detail = root.getMessage();
            if (causeOfType(error, CertPathBuilderException.class,
                    CertPathValidatorException.class) != null) {
                detail = "the server's certificate is not signed by a trusted CA (give the CA certificate file, "
                        + "or check that it is the right one)";
            } else if (causeOfType(error, CertificateException.class) != null
                    && String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT).contains("name")) {
                detail = "the server's certificate is not for this host name (" + root.getMessage() + ")";
            }
            return new RedisFailure(RedisFailure.Kind.TLS, "TLS failure with " + where + ": " + detail, error);
        }
        if (error instanceof RedisCommandTimeoutException || root instanceof TimeoutException
                || upper.contains("TIMED OUT") || upper.contains("TIMEOUT")) {
            return new RedisFailure(RedisFailure.Kind.TIMEOUT, where + " did not answer in time", error);
        }
        if (root instanceof RedisProtocolException) {
            return new RedisFailure(RedisFailure.Kind.REFUSED, "cannot connect to " + where + ": something answered, but"
                    + " not in Redis's protocol (an HTTP server, or another service on that port?)", error);
        }
        if (root instanceof ConnectException || root instanceof UnknownHostException
                || (error instanceof RedisConnectionException && upper.contains("UNABLE TO CONNECT"))) {
            String why = root instanceof UnknownHostException ? "unknown host" : "connection refused";
            return new RedisFailure(RedisFailure.Kind.REFUSED, "cannot connect to " + where + ": " + why, error);
        }
        if (error instanceof RedisCommandExecutionException) {
            return new RedisFailure(RedisFailure.Kind.SERVER_ERROR, where + " refused the command: " + serverMessage(error), error);
        }
        return new RedisFailure(RedisFailure.Kind.CONNECTION_LOST, "connection to " + where + " lost: " + root.getMessage(), error);
    }

    /**
     * Like {@link #of}, for a non-idempotent write: a timeout or a broken connection after the command
     * may have reached the server means the outcome is unknown, and the caller must re-read, not retry.
     */
    static RedisFailure ofWrite(Throwable error, String where, String action) {
        RedisFailure failure = of(error, where);
        if (failure.kind() == RedisFailure.Kind.TIMEOUT || failure.kind() == RedisFailure.Kind.CONNECTION_LOST) {
            return new RedisFailure(RedisFailure.Kind.OUTCOME_UNKNOWN, action + ": outcome unknown, the reply from " + where
                    + " was lost (" + failure.getMessage() + "). It was not retried; re-read the buffer to see"
                    + " whether it happened.", error);
        }
        return failure;
    }

    private static String serverMessage(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    @SafeVarargs
    private static Throwable causeOfType(Throwable error, Class<? extends Throwable>... types) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
