package aicr.config;

import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.Scalars;
import aicr.io.YamlSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of an AICRConfig document, used for strict decoding: unknown keys and values of
 * the wrong kind are rejected with the path of the offending field, as the reference's
 * strict decoder does.
 */
final class ConfigSchema {
    private ConfigSchema() {
    }

    /** Leaf kinds. */
    enum Leaf { STRING, BOOL, INT, STRING_LIST, STRING_MAP }

    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final Leaf S = Leaf.STRING;
    private static final Leaf B = Leaf.BOOL;
    private static final Leaf I = Leaf.INT;
    private static final Leaf LS = Leaf.STRING_LIST;
    private static final Leaf MS = Leaf.STRING_MAP;

    private static final Map<String, Object> AGENT = obj("namespace", S, "image", S, "imagePullSecrets", LS,
            "jobName", S, "serviceAccountName", S, "nodeSelector", MS, "tolerations", LS, "requireGpu", B);

    static final Map<String, Object> ROOT = obj(
            "kind", S, "apiVersion", S, "metadata", obj("name", S),
            "spec", obj(
                    "snapshot", obj(
                            "output", obj("path", S, "format", S, "template", S),
                            "agent", withExtra(AGENT, "runtimeClassName", S, "os", S, "requests", S, "limits", S),
                            "execution", obj("timeout", S, "noCleanup", B, "privileged", B, "maxNodesPerEntry", I)),
                    "recipe", obj(
                            "criteria", obj("service", S, "accelerator", S, "intent", S, "os", S, "platform", S, "nodes", I),
                            "input", obj("snapshot", S),
                            "output", obj("path", S, "format", S),
                            "data", S, "criteriaStrict", B),
                    "bundle", obj(
                            "input", obj("recipe", S),
                            "output", obj("target", S, "imageRefs", S),
                            "deployment", obj("deployer", S, "repo", S, "set", LS, "dynamic", LS, "vendorCharts", B, "appName", S),
                            "scheduling", obj("systemNodeSelector", MS, "systemNodeTolerations", LS,
                                    "acceleratedNodeSelector", MS, "acceleratedNodeTolerations", LS, "workloadGate", S,
                                    "workloadSelector", MS, "nodes", I, "storageClass", S),
                            "attestation", obj("enabled", B, "certificateIdentityRegexp", S, "oidcDeviceFlow", B,
                                    "fulcioURL", S, "rekorURL", S),
                            "registry", obj("insecureTLS", B, "plainHTTP", B)),
                    "validate", obj(
                            "input", obj("recipe", S, "snapshot", S),
                            "agent", AGENT,
                            "execution", obj("phases", LS, "failOnError", B, "failFast", B, "noCluster", B, "noCleanup", B,
                                    "timeout", S),
                            "evidence", obj(
                                    "cncf", obj("dir", S, "cncfSubmission", B, "features", LS),
                                    "attestation", obj("out", S, "bom", S, "push", S, "plainHTTP", B, "insecureTLS", B)))));

    private static Map<String, Object> withExtra(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.putAll(obj(kv));
        return m;
    }

    /** Checks {@code n} against {@code shape}; throws naming the field path. */
    @SuppressWarnings("unchecked")
    static void check(Node n, Object shape, String path) {
        if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
            return;
        }
        if (shape instanceof Map<?, ?> fields) {
            Node.MapNode m = Fields.map(n, "struct");
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                Object sub = ((Map<String, Object>) fields).get(e.getKey());
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (sub == null) {
                    throw new YamlSyntaxException("line " + e.getValue().line() + ": field " + e.getKey()
                            + " not found (" + p + " is not a known setting)");
                }
                check(e.getValue(), sub, p);
            }
            return;
        }
        switch ((Leaf) shape) {
            case STRING -> scalar(n, path, "string");
            case BOOL -> {
                if (!(Scalars.value(scalar(n, path, "bool")) instanceof Boolean)) {
                    throw Fields.mismatch(n, "bool (" + path + ")");
                }
            }
            case INT -> {
                Object v = Scalars.value(scalar(n, path, "int"));
                if (!(v instanceof Long) && !(v instanceof Double d && d == Math.rint(d))) {
                    throw Fields.mismatch(n, "int (" + path + ")");
                }
            }
            case STRING_LIST -> {
                if (!(n instanceof Node.SeqNode seq)) {
                    throw Fields.mismatch(n, "[]string (" + path + ")");
                }
                seq.items().forEach(item -> scalar(item, path, "string"));
            }
            case STRING_MAP -> Fields.map(n, "map[string]string (" + path + ")").entries()
                    .forEach((k, v) -> scalar(v, path + "." + k, "string"));
        }
    }

    private static Node.ScalarNode scalar(Node n, String path, String type) {
        if (n instanceof Node.ScalarNode s) {
            return s;
        }
        throw Fields.mismatch(n, type + " (" + path + ")");
    }
}
