package aicr.k8s;

import aicr.cluster.Kubeconfig;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Kubernetes client for one command: built from a resolved {@link Kubeconfig} (the JDK HTTP
 * client, no retries, so an unreachable API server fails at once as with the reference), and
 * closed so that the process exits promptly.
 *
 * <p>Why the thread group: JDK 17's HTTP client has no shutdown call, and its selector thread
 * sits in native {@code epoll_wait}, which holds JVM exit for about 300 ms (HotSpot waits for
 * threads in native at exit). The client is built on a thread of its own group, so every thread
 * it starts (selector, workers) belongs to that group, and {@link #close()} interrupts the group:
 * the selector loop ends and the JVM exits without the wait.
 */
public final class KubeSession implements AutoCloseable {
    /** Timeout of one API request; a ConfigMap read or write is bounded by it (spec §0.6: 30 s). */
    static final int REQUEST_TIMEOUT_MS = 30_000;
    static final int CONNECT_TIMEOUT_MS = 10_000;

    private final KubernetesClient client;
    private final ThreadGroup threads;
    private final String server;

    private KubeSession(KubernetesClient client, ThreadGroup threads, String server) {
        this.client = client;
        this.threads = threads;
        this.server = server;
    }

    /** Resolves the kubeconfig ({@code -k}, KUBECONFIG, ~/.kube/config, in-cluster) and opens a session. */
    public static KubeSession open(String kubeconfigFlag) {
        return open(Kubeconfig.resolve(kubeconfigFlag, System.getenv()));
    }

    /** Opens a session; a kubeconfig that cannot be read or parsed is INTERNAL (8). */
    public static KubeSession open(Kubeconfig source) {
        Config config = config(source);
        ThreadGroup group = new ThreadGroup("aicr-k8s");
        AtomicReference<Object> built = new AtomicReference<>();
        Thread t = new Thread(group, () -> {
            try {
                built.set(new KubernetesClientBuilder().withConfig(config).build());
            } catch (RuntimeException e) {
                built.set(e);
            }
        }, "aicr-k8s-init");
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "interrupted while creating the Kubernetes client");
        }
        if (built.get() instanceof RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to create kubernetes client", e);
        }
        return new KubeSession((KubernetesClient) built.get(), group, config.getMasterUrl());
    }

    private static Config config(Kubeconfig source) {
        Config base;
        if (source.inCluster()) {
            Path sa = Kubeconfig.SERVICE_ACCOUNT;
            Path token = sa.resolve("token");
            ConfigBuilder b = new ConfigBuilder(Config.empty())
                    .withMasterUrl("https://" + hostPort(source.host(), source.port()))
                    .withCaCertFile(sa.resolve("ca.crt").toString())
                    // re-read on every request: projected service-account tokens rotate
                    .withOauthTokenProvider(() -> read(token));
            if (Files.isReadable(sa.resolve("namespace"))) {
                b.withNamespace(read(sa.resolve("namespace")));
            }
            base = b.build();
        } else {
            try {
                base = Config.fromKubeconfig(null, source.file().toFile());
            } catch (RuntimeException e) {
                throw new AicrException(ErrorCode.INTERNAL, "failed to build kube config", new IOException(
                        "error loading config file \"" + source.file() + "\": " + firstLine(e)));
            }
            if (base.getMasterUrl() == null || base.getMasterUrl().isEmpty()) {
                throw new AicrException(ErrorCode.INTERNAL, "failed to build kube config", new IOException(
                        "invalid configuration: no server found for the current context in " + source.file()));
            }
        }
        ConfigBuilder b = new ConfigBuilder(base).withRequestRetryBackoffLimit(0).withRequestTimeout(REQUEST_TIMEOUT_MS)
                .withConnectionTimeout(CONNECT_TIMEOUT_MS).withWatchReconnectLimit(0);
        if (base.getMasterUrl() != null && base.getMasterUrl().startsWith("http://")) {
            // plain HTTP (kubectl proxy, test servers): no h2c upgrade attempts, HTTP/1.1 only
            b.withHttp2Disable(true);
        }
        return b.build();
    }

    private static String hostPort(String host, String port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** A service-account token is a JWT of a few KiB; the namespace file a DNS label. */
    static final long MAX_SERVICE_ACCOUNT_FILE = 64 * 1024;

    /** A file of the mounted service account: regular, bounded, strict UTF-8 (the shared reader), trimmed. */
    private static String read(Path p) {
        try {
            return aicr.io.InputSource.readText(p, p.toString(), MAX_SERVICE_ACCOUNT_FILE).trim();
        } catch (AicrException e) {
            throw new IllegalStateException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().contains("not a parseable"))) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    public KubernetesClient client() {
        return client;
    }

    /** The API server URL, for messages. */
    public String server() {
        return server;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            threads.interrupt();
        }
    }

    /** The environment as the engine sees it (tests substitute their own). */
    static Map<String, String> env() {
        return System.getenv();
    }
}
