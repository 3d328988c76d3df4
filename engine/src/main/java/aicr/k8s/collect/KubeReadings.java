package aicr.k8s.collect;

import aicr.cluster.ClusterReader;
import aicr.collector.LocalSnapshot;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoFloat;
import aicr.io.JsonWriter;
import aicr.k8s.KubeErrors;
import aicr.k8s.KubeSession;
import aicr.log.Log;
import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Subtype;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The cluster-side collectors (spec §2.2, §2.6, §2.8) on one client: the K8s measurement's four
 * subtypes (collected concurrently; a failing one is logged and left empty, a timeout fails the
 * collector), the node topology, and the Talos stand-ins read from this node's Node object.
 */
final class KubeReadings implements ClusterReader {
    private static final long PAGE = 500;

    private final KubeSession session;
    private final KubernetesClient client;
    private final Map<String, String> env;
    private Node talosNode;
    private boolean talosFetched;

    KubeReadings(KubeSession session, Map<String, String> env) {
        this.session = session;
        this.client = session.client();
        this.env = env;
    }

    private interface Part {
        Map<String, Reading> collect();
    }

    @Override
    public Measurement kubernetes() {
        List<CompletableFuture<Map<String, Reading>>> parts = aicr.k8s.Concurrently.start(List.of(
                safe("server", this::server), safe("image", this::images), safe("policy", this::policies), safe("node", this::node)));
        CompletableFuture<Map<String, Reading>> server = parts.get(0);
        CompletableFuture<Map<String, Reading>> images = parts.get(1);
        CompletableFuture<Map<String, Reading>> policy = parts.get(2);
        CompletableFuture<Map<String, Reading>> node = parts.get(3);
        try {
            Map<String, Reading> versions = server.join();
            // the three server keys are always written; a failed call leaves them null
            Map<String, Reading> s = new LinkedHashMap<>();
            s.put("version", versions.get("version"));
            s.put("platform", versions.get("platform"));
            s.put("goVersion", versions.get("goVersion"));
            return new Measurement("K8s", List.of(subtype("server", s), subtype("image", images.join()),
                    subtype("policy", policy.join()), subtype("node", node.join())));
        } catch (CompletionException e) {
            throw new AicrException(ErrorCode.TIMEOUT, "K8s collection cancelled", e.getCause());
        }
    }

    /** One subtype; a timeout fails the collector, any other error leaves the subtype empty. */
    private static java.util.function.Supplier<Map<String, Reading>> safe(String name, Part p) {
        return () -> {
            try {
                return p.collect();
            } catch (RuntimeException e) {
                if (KubeErrors.isTimeout(e)) {
                    throw e;
                }
                Log.warn("failed to collect " + name + " - skipping", "collector", name,
                        "error", e instanceof AicrException a ? a.render() : String.valueOf(e.getMessage()));
                return new LinkedHashMap<>();
            }
        };
    }

    private static Subtype subtype(String name, Map<String, Reading> data) {
        return new Subtype(name, data, Map.of(), List.of());
    }

    private RuntimeException failed(String what, RuntimeException e) {
        return new AicrException(ErrorCode.INTERNAL, what, new IllegalStateException(KubeErrors.describe(e, session.server())));
    }

    /** Discovery {@code /version}. */
    private Map<String, Reading> server() {
        VersionInfo v;
        try {
            v = client.getKubernetesVersion();
        } catch (RuntimeException e) {
            throw failed("failed to get kubernetes version", e);
        }
        Map<String, Reading> out = new LinkedHashMap<>();
        out.put("version", Reading.of(nz(v.getGitVersion())));
        out.put("platform", Reading.of(nz(v.getPlatform())));
        out.put("goVersion", Reading.of(nz(v.getGoVersion())));
        return out;
    }

    /** Every container image of every pod: name (after the last '/', digest dropped) to tag ({@code latest} without one). */
    private Map<String, Reading> images() {
        Map<String, String> versions = new TreeMap<>();
        String token = null;
        do {
            PodList list;
            try {
                list = client.pods().inAnyNamespace().list(new ListOptionsBuilder().withLimit(PAGE).withContinue(token).build());
            } catch (RuntimeException e) {
                throw failed("failed to list pods", e);
            }
            for (Pod p : list.getItems()) {
                if (p.getSpec() == null) {
                    continue;
                }
                for (Container c : p.getSpec().getContainers()) {
                    record(versions, c.getImage());
                }
                for (Container c : p.getSpec().getInitContainers()) {
                    record(versions, c.getImage());
                }
                for (EphemeralContainer c : p.getSpec().getEphemeralContainers()) {
                    record(versions, c.getImage());
                }
            }
            token = list.getMetadata() == null ? null : list.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());
        Map<String, Reading> out = new LinkedHashMap<>();
        versions.forEach((k, v) -> out.put(k, Reading.of(v)));
        return out;
    }

    static void record(Map<String, String> versions, String image) {
        if (image == null || image.isEmpty()) {
            return;
        }
        String ref = image.substring(image.lastIndexOf('/') + 1);
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int colon = ref.lastIndexOf(':');
        String name = colon < 0 ? ref : ref.substring(0, colon);
        String tag = colon < 0 ? "latest" : ref.substring(colon + 1);
        if (!name.isEmpty()) {
            versions.put(name, tag);
        }
    }

    /** Every {@code ClusterPolicy} object's spec, flattened to dotted keys (string values). */
    private Map<String, Reading> policies() {
        List<ResourceDefinitionContext> kinds = new ArrayList<>();
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        try {
            for (APIGroup g : client.getApiGroups().getGroups()) {
                if (g.getPreferredVersion() != null) {
                    groupVersions.add(g.getPreferredVersion().getGroupVersion());
                }
            }
        } catch (RuntimeException e) {
            Log.warn("no API resources discovered", "error", KubeErrors.describe(e, session.server()));
            return new LinkedHashMap<>();
        }
        for (String gv : groupVersions) {
            APIResourceList rl;
            try {
                rl = client.getApiResources(gv);
            } catch (RuntimeException e) {
                Log.debug("error discovering API resources (continuing with partial results)", "groupVersion", gv);
                continue;
            }
            if (rl == null) {
                continue;
            }
            int slash = gv.indexOf('/');
            for (APIResource r : rl.getResources()) {
                if ("ClusterPolicy".equals(r.getKind()) && r.getName() != null && !r.getName().isEmpty()
                        && !r.getName().contains("/")) {
                    kinds.add(new ResourceDefinitionContext.Builder().withGroup(slash < 0 ? "" : gv.substring(0, slash))
                            .withVersion(slash < 0 ? gv : gv.substring(slash + 1)).withPlural(r.getName())
                            .withKind(r.getKind()).withNamespaced(Boolean.TRUE.equals(r.getNamespaced())).build());
                }
            }
        }
        Map<String, Reading> out = new LinkedHashMap<>();
        for (ResourceDefinitionContext ctx : kinds) {
            List<GenericKubernetesResource> items;
            try {
                var op = client.genericKubernetesResources(ctx);
                items = (ctx.isNamespaceScoped() ? op.inAnyNamespace() : op).list().getItems();
            } catch (RuntimeException e) {
                Log.debug("failed to list clusterpolicy", "group", ctx.getGroup(), "error", KubeErrors.describe(e, session.server()));
                continue;
            }
            for (GenericKubernetesResource item : items) {
                Object spec = item.getAdditionalProperties().get("spec");
                if (!(spec instanceof Map<?, ?> m)) {
                    Log.warn("failed to extract spec from clusterpolicy", "name", item.getMetadata() == null ? ""
                            : item.getMetadata().getName(), "error", "<nil>");
                    continue;
                }
                flatten(m, "", out);
            }
        }
        return out;
    }

    /** Go's flattening of an unstructured spec: nested maps to dotted keys, non-empty lists as compact JSON. */
    static void flatten(Map<?, ?> data, String prefix, Map<String, Reading> out) {
        data.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                flatten(m, key, out);
            } else if (v instanceof List<?> l) {
                if (!l.isEmpty()) {
                    out.put(key, Reading.of(JsonWriter.write(plain(l), false)));
                }
            } else if (v == null) {
                out.put(key, Reading.of("<nil>"));
            } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
                out.put(key, Reading.of(GoFloat.reading(((Number) v).doubleValue())));
            } else {
                out.put(key, Reading.of(String.valueOf(v)));
            }
        });
    }

    /** Jackson's decoded JSON as the value model JsonWriter takes (Long, Double, BigInteger). */
    private static Object plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return v;
    }

    /** This node's provider, runtime and versions; nothing without a node name. */
    private Map<String, Reading> node() {
        String name = LocalSnapshot.nodeName(env);
        if (name.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "node name not set in environment");
        }
        Node node;
        try {
            node = client.nodes().withName(name).get();
        } catch (RuntimeException e) {
            throw failed("failed to get node \"" + name + "\"", e);
        }
        if (node == null) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to get node \"" + name + "\"",
                    new IllegalStateException("nodes \"" + name + "\" not found"));
        }
        Map<String, Reading> out = new LinkedHashMap<>();
        out.put("source-node", Reading.of(name));
        String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
        if (providerId != null && !providerId.isEmpty()) {
            out.put("provider", Reading.of(provider(providerId)));
            out.put("provider-id", Reading.of(providerId));
        }
        NodeSystemInfo info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
        if (info != null) {
            String cr = nz(info.getContainerRuntimeVersion());
            if (!cr.isEmpty()) {
                out.put("container-runtime-id", Reading.of(cr));
                int sep = cr.indexOf("://");
                if (sep >= 0) {
                    out.put("container-runtime-name", Reading.of(cr.substring(0, sep)));
                    out.put("container-runtime-version", Reading.of(cr.substring(sep + 3)));
                }
            }
            putIf(out, "kubelet-version", info.getKubeletVersion());
            putIf(out, "kernel-version", info.getKernelVersion());
            putIf(out, "operating-system", info.getOperatingSystem());
            putIf(out, "os-image", info.getOsImage());
        }
        return out;
    }

    /** The managed service a provider ID names ({@code aws://...} → {@code eks}). */
    static String provider(String providerId) {
        if (providerId.startsWith("ocid1.")) {
            return "oke";
        }
        int sep = providerId.indexOf("://");
        String p = (sep < 0 ? providerId : providerId.substring(0, sep)).trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "aws" -> "eks";
            case "gce" -> "gke";
            case "azure" -> "aks";
            case "oci" -> "oke";
            case "linode" -> "lke";
            default -> p;
        };
    }

    @Override
    public Measurement topology(int maxNodesPerEntry) {
        Topology t = new Topology();
        String token = null;
        do {
            NodeList list;
            try {
                list = client.nodes().list(new ListOptionsBuilder().withLimit(PAGE).withContinue(token).build());
            } catch (RuntimeException e) {
                throw failed("failed to list nodes", e);
            }
            list.getItems().forEach(t::add);
            token = list.getMetadata() == null ? null : list.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());
        Measurement m = t.measurement(maxNodesPerEntry);
        Log.info("node topology collection complete", "nodes", t.nodeCount, "taints", m.subtype("taint").data().size(),
                "labels", m.subtype("label").data().size());
        return m;
    }

    /** Taints and labels of all nodes, grouped as the reference encodes them. */
    static final class Topology {
        int nodeCount;
        final Map<List<String>, List<String>> taints = new LinkedHashMap<>();
        final Map<List<String>, List<String>> labels = new LinkedHashMap<>();

        void add(Node n) {
            nodeCount++;
            String name = n.getMetadata().getName();
            if (n.getSpec() != null && n.getSpec().getTaints() != null) {
                for (Taint t : n.getSpec().getTaints()) {
                    taints.computeIfAbsent(List.of(nz(t.getKey()), nz(t.getEffect()), nz(t.getValue())), k -> new ArrayList<>())
                            .add(name);
                }
            }
            if (n.getMetadata().getLabels() != null) {
                n.getMetadata().getLabels().forEach((k, v) ->
                        labels.computeIfAbsent(List.of(k, nz(v)), x -> new ArrayList<>()).add(name));
            }
        }

        Measurement measurement(int maxNodes) {
            Map<String, Integer> perTaintKey = new LinkedHashMap<>();
            taints.keySet().forEach(id -> perTaintKey.merge(id.get(0), 1, Integer::sum));
            Map<String, Reading> taintData = new LinkedHashMap<>();
            taints.forEach((id, nodes) -> {
                String list = nodeList(nodes, maxNodes);
                if (perTaintKey.get(id.get(0)) > 1) {
                    taintData.put(id.get(0) + "." + id.get(1), Reading.of(id.get(2) + "|" + list));
                } else {
                    taintData.put(id.get(0), Reading.of(id.get(1) + "|" + id.get(2) + "|" + list));
                }
            });
            Map<String, Integer> perLabelKey = new LinkedHashMap<>();
            labels.keySet().forEach(id -> perLabelKey.merge(id.get(0), 1, Integer::sum));
            Map<String, Reading> labelData = new LinkedHashMap<>();
            labels.forEach((id, nodes) -> {
                String key = perLabelKey.get(id.get(0)) > 1 ? id.get(0) + "." + id.get(1) : id.get(0);
                labelData.put(key, Reading.of(id.get(1) + "|" + nodeList(nodes, maxNodes)));
            });
            Map<String, Reading> summary = new LinkedHashMap<>();
            summary.put("node-count", new Reading((long) nodeCount));
            summary.put("taint-count", new Reading((long) taintData.size()));
            summary.put("label-count", new Reading((long) labelData.size()));
            return new Measurement("NodeTopology", List.of(subtype("summary", summary), subtype("taint", taintData),
                    subtype("label", labelData)));
        }

        private static String nodeList(List<String> nodes, int max) {
            List<String> sorted = new ArrayList<>(nodes);
            sorted.sort(null);
            if (max > 0 && sorted.size() > max) {
                return String.join(",", sorted.subList(0, max)) + " (+" + (sorted.size() - max) + " more)";
            }
            return String.join(",", sorted);
        }
    }

    /** This node's Node object, fetched once for both Talos collectors; null (logged) when unavailable. */
    private synchronized Node talosNode() {
        if (!talosFetched) {
            talosFetched = true;
            String name = LocalSnapshot.nodeName(env);
            if (name.isEmpty()) {
                Log.warn("node name not set - cannot collect Talos data", "hint",
                        "agent Job sets NODE_NAME via downward API; check pod env");
                return null;
            }
            try {
                talosNode = client.nodes().withName(name).get();
            } catch (RuntimeException e) {
                Log.warn("failed to fetch node from Kubernetes API", "node", name, "error", KubeErrors.describe(e, session.server()));
            }
        }
        return talosNode;
    }

    @Override
    public Measurement talosServices() {
        Node n = talosNode();
        if (n == null || n.getStatus() == null || n.getStatus().getNodeInfo() == null) {
            return new Measurement("SystemD", List.of());
        }
        NodeSystemInfo info = n.getStatus().getNodeInfo();
        Map<String, Reading> containerd = new LinkedHashMap<>();
        containerd.put("UnitFileName", Reading.of("containerd.service"));
        containerd.put("Source", Reading.of("kubernetes-node-info"));
        String cr = nz(info.getContainerRuntimeVersion());
        if (cr.isEmpty()) {
            containerd.put("ActiveState", Reading.of("unknown"));
        } else {
            int sep = cr.indexOf("://");
            String runtime = sep < 0 ? cr : cr.substring(0, sep);
            String version = sep < 0 ? "" : cr.substring(sep + 3);
            containerd.put("RuntimeName", Reading.of(runtime));
            if (!runtime.equals("containerd") || version.isEmpty()) {
                containerd.put("ActiveState", Reading.of("unknown"));
            } else {
                containerd.put("ActiveState", Reading.of("active"));
                containerd.put("Version", Reading.of(version));
            }
        }
        Map<String, Reading> kubelet = new LinkedHashMap<>();
        kubelet.put("UnitFileName", Reading.of("kubelet.service"));
        kubelet.put("Source", Reading.of("kubernetes-node-info"));
        if (nz(info.getKubeletVersion()).isEmpty()) {
            kubelet.put("ActiveState", Reading.of("unknown"));
        } else {
            kubelet.put("ActiveState", Reading.of("active"));
            kubelet.put("Version", Reading.of(info.getKubeletVersion()));
        }
        return new Measurement("SystemD", List.of(subtype("containerd.service", containerd), subtype("kubelet.service", kubelet)));
    }

    @Override
    public Measurement talosOs() {
        Node n = talosNode();
        if (n == null) {
            return new Measurement("OS", List.of());
        }
        NodeSystemInfo info = n.getStatus() == null || n.getStatus().getNodeInfo() == null ? new NodeSystemInfo()
                : n.getStatus().getNodeInfo();
        Map<String, Reading> release = new LinkedHashMap<>();
        release.put("Source", Reading.of("kubernetes-node-info"));
        String image = nz(info.getOsImage());
        if (!image.isEmpty()) {
            release.put("PRETTY_NAME", Reading.of(image));
            int paren = image.indexOf(" (");
            if (paren >= 0 && image.substring(0, paren).trim().equalsIgnoreCase("Talos")) {
                release.put("ID", Reading.of("talos"));
                String v = image.substring(paren + 2).trim();
                v = v.endsWith(")") ? v.substring(0, v.length() - 1) : v;
                v = v.startsWith("v") ? v.substring(1) : v;
                if (!v.isEmpty()) {
                    release.put("VERSION_ID", Reading.of(v));
                }
            }
        }
        putIf(release, "KERNEL_VERSION", info.getKernelVersion());
        putIf(release, "OPERATING_SYSTEM", info.getOperatingSystem());
        List<Subtype> subs = new ArrayList<>(List.of(subtype("release", release)));
        Map<String, Reading> ext = new LinkedHashMap<>();
        if (n.getMetadata().getLabels() != null) {
            n.getMetadata().getLabels().forEach((k, v) -> {
                if (k.startsWith("extensions.talos.dev/") && k.length() > "extensions.talos.dev/".length()) {
                    ext.put(k.substring("extensions.talos.dev/".length()), Reading.of(nz(v)));
                }
            });
        }
        if (!ext.isEmpty()) {
            Map<String, Reading> data = new LinkedHashMap<>();
            data.put("Source", Reading.of("kubernetes-node-info"));
            data.putAll(ext);
            subs.add(subtype("extensions", data));
        }
        return new Measurement("OS", subs);
    }

    private static void putIf(Map<String, Reading> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, Reading.of(v));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() {
        session.close();
    }
}
