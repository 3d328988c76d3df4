package aicr.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/** Classifies and describes Kubernetes client failures in one line. */
public final class KubeErrors {
    private KubeErrors() {
    }

    /** The API server could not be reached at all (connection refused, unknown host, no route, connect timeout). */
    public static boolean isNetwork(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
                    || c instanceof HttpConnectTimeoutException || c instanceof ClosedChannelException) {
                return true;
            }
            if (c.getMessage() != null && c.getMessage().contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }

    /** A request or wait that ran out of time. */
    public static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException || c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** HTTP status of an API error, 0 when the request never got an answer. */
    public static int status(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KubernetesClientException k && k.getCode() > 0) {
                return k.getCode();
            }
        }
        return 0;
    }

    /**
     * One line: the API's own status message when it answered ({@code configmaps "x" is
     * forbidden: ...}), else the transport failure ({@code connect to https://h:1: connection refused}).
     */
    public static String describe(Throwable t, String server) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KubernetesClientException k && k.getCode() > 0) {
                if (k.getStatus() != null && k.getStatus().getMessage() != null && !k.getStatus().getMessage().isEmpty()) {
                    return k.getStatus().getMessage();
                }
                return "the server answered HTTP " + k.getCode();
            }
        }
        if (isNetwork(t)) {
            Throwable root = root(t);
            String why = root instanceof UnknownHostException ? "no such host"
                    : root instanceof HttpConnectTimeoutException ? "i/o timeout" : "connection refused";
            return "connect to " + server + ": " + why;
        }
        if (isTimeout(t)) {
            return "request to " + server + " timed out";
        }
        Throwable root = root(t);
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static Throwable root(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
