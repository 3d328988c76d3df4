package aicr.cli.fakecluster;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running fake cluster: the API server on a loopback port, a kubeconfig for it, a client for
 * test setup and assertions, and the fake kubelet. See the package documentation.
 */
public final class FakeCluster implements AutoCloseable {
    /** The mock server logs every request at INFO; held here so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final FakeApi api;
    private final KubernetesClient client;
    private final Path kubeconfig;
    private final FakeKubelet kubelet;

    private FakeCluster(KubernetesMockServer server, FakeApi api, Path kubeconfig) {
        this.server = server;
        this.api = api;
        this.kubeconfig = kubeconfig;
        this.client = server.createClient();
        this.kubelet = new FakeKubelet(this);
    }

    /** Starts a cluster and writes its kubeconfig into {@code dir}. */
    public static FakeCluster start(Path dir) throws IOException {
        FakeApi api = new FakeApi();
        // HTTPS like a real API server (self-signed: the kubeconfig skips verification)
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, true);
        server.init();
        Path kc = dir.resolve("kubeconfig.yaml");
        Files.writeString(kc, kubeconfigText("https://" + server.getHostName() + ":" + server.getPort()));
        FakeCluster c = new FakeCluster(server, api, kc);
        c.kubelet.start();
        return c;
    }

    /** A kubeconfig whose only context points at {@code url} with a bearer token (TLS not verified). */
    public static String kubeconfigText(String url) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: " + url
                + "\n    insecure-skip-tls-verify: true\n  name: fake\n"
                + "contexts:\n- context:\n    cluster: fake\n    user: tester\n    namespace: default\n  name: fake\n"
                + "current-context: fake\nusers:\n- name: tester\n  user:\n    token: fake-token\n";
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A client of the fake cluster for setup and assertions. */
    public KubernetesClient client() {
        return client;
    }

    public FakeKubelet kubelet() {
        return kubelet;
    }

    /** Every request the API server received, in order. */
    public List<FakeApi.Request> requests() {
        return api.requests();
    }

    /** SelfSubjectAccessReviews for {@code verb resource} are answered "denied". */
    public void deny(String verb, String resource) {
        api.deny(verb, resource);
    }

    /** Requests whose path starts with {@code pathPrefix} (and method, or any when null) answer 500. */
    public void fail(String method, String pathPrefix) {
        api.fail(method, pathPrefix);
    }

    /** Requests with {@code method} whose path starts with {@code pathPrefix} are answered after {@code millis}. */
    public void slow(String method, String pathPrefix, long millis) {
        api.slow(method, pathPrefix, millis);
    }

    /** Requests whose path starts with {@code pathPrefix} (and method, or any when null) answer 403 Forbidden. */
    public void forbid(String method, String pathPrefix) {
        api.forbid(method, pathPrefix);
    }

    /** Adds a node with labels (a GPU node when labelled {@code nvidia.com/gpu.present=true}). */
    public void addNode(String name, Map<String, String> labels) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withProviderID("aws:///us-east-1a/i-" + name).endSpec()
                .withNewStatus().withNewNodeInfo().withContainerRuntimeVersion("containerd://2.0.5")
                .withKubeletVersion("v1.33.5-eks-3025e55").withKernelVersion("6.8.0-1024-aws").withOperatingSystem("linux")
                .withOsImage("Ubuntu 24.04.2 LTS").endNodeInfo().endStatus().build()).create();
    }

    FakeApi api() {
        return api;
    }

    @Override
    public void close() {
        kubelet.close();
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // the mock's web server sometimes reports a slow shutdown; the port is released anyway
            System.err.println("[fake-cluster] " + e.getMessage());
        }
    }
}
