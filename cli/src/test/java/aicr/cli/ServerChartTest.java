package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.Node;
import aicr.io.Values;
import aicr.io.YamlReader;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/helm/aicr with real Helm (helm-java): it lints (strict), and the rendered objects are a
 * Deployment with probes on /health and /ready, resource requests, a non-root user and a
 * read-only root file system, a Service, an HPA and a ServiceAccount; values reach the pod.
 */
class ServerChartTest {
    static final Path CHART = Path.of("..", "deploy", "helm", "aicr");

    @Test
    void chartLintsStrictly() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertFalse(lint.isFailed(), lint.getMessages().toString());
        assertTrue(lint.getMessages().stream().noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]")),
                lint.getMessages().toString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> render(Map<String, String> set) {
        var t = new Helm(CHART).template().withName("api").withNamespace("aicr");
        for (Map.Entry<String, String> e : set.entrySet()) {
            t = t.set(e.getKey(), e.getValue());
        }
        String out = t.call();
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        for (Node n : YamlReader.parseAll(out)) {
            Object v = Values.of(n);
            if (v instanceof Map<?, ?> m && m.get("kind") != null) {
                byKind.put((String) m.get("kind"), (Map<String, Object>) m);
            }
        }
        return byKind;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object doc, String... path) {
        Object cur = doc;
        for (String p : path) {
            cur = cur instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) cur).get(p);
            assertNotNull(cur, "missing " + String.join(".", path));
        }
        return (T) cur;
    }

    @Test
    @SuppressWarnings("unchecked")
    void defaultsRenderAHardenedScaledService() {
        Map<String, Map<String, Object>> objs = render(Map.of());
        assertEquals(List.of("Deployment", "HorizontalPodAutoscaler", "Service", "ServiceAccount"),
                objs.keySet().stream().sorted().toList());
        Map<String, Object> d = objs.get("Deployment");
        Map<String, Object> pod = at(d, "spec", "template", "spec");
        Map<String, Object> c = at(pod, "containers", "0");
        assertEquals("/health", at(c, "livenessProbe", "httpGet", "path"));
        assertEquals("/ready", at(c, "readinessProbe", "httpGet", "path"));
        assertEquals("/health", at(c, "startupProbe", "httpGet", "path"));
        assertEquals("250m", at(c, "resources", "requests", "cpu"));
        assertTrue(((Map<String, Object>) at(c, "resources", "requests")).containsKey("memory"));
        assertEquals(Boolean.TRUE, at(pod, "securityContext", "runAsNonRoot"));
        assertEquals(65532L, ((Number) at(pod, "securityContext", "runAsUser")).longValue());
        assertEquals(Boolean.TRUE, at(c, "securityContext", "readOnlyRootFilesystem"));
        assertEquals(Boolean.FALSE, at(c, "securityContext", "allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), at(c, "securityContext", "capabilities", "drop"));
        assertEquals("/tmp", at(c, "volumeMounts", "0", "mountPath"));
        assertEquals("aicr:0.1.0-SNAPSHOT", c.get("image"));
        assertEquals(List.of("serve", "--rate-limit=100", "--rate-limit-burst=200"), c.get("args"));
        assertEquals(8080L, ((Number) at(c, "ports", "0", "containerPort")).longValue());
        assertFalse(((Map<String, Object>) d.get("spec")).containsKey("replicas"), "the HPA owns the replica count");
        long grace = ((Number) pod.get("terminationGracePeriodSeconds")).longValue();
        assertTrue(grace > 30, "the pod's grace period covers the server's shutdown timeout");
        assertEquals("Deployment", at(objs.get("HorizontalPodAutoscaler"), "spec", "scaleTargetRef", "kind"));
        assertEquals("http", at(objs.get("Service"), "spec", "ports", "0", "targetPort"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void valuesReachThePod() {
        Map<String, Map<String, Object>> objs = render(Map.of("autoscaling.enabled", "false", "replicaCount", "3",
                "server.allowed.services[0]", "eks", "server.allowed.services[1]", "gke", "server.rateLimit", "0",
                "image.repository", "registry.example/aicr", "image.tag", "1.2.3"));
        assertFalse(objs.containsKey("HorizontalPodAutoscaler"));
        Map<String, Object> d = objs.get("Deployment");
        assertEquals(3L, ((Number) at(d, "spec", "replicas")).longValue());
        Map<String, Object> c = at(d, "spec", "template", "spec", "containers", "0");
        assertEquals("registry.example/aicr:1.2.3", c.get("image"));
        assertTrue(((List<Object>) c.get("args")).contains("--rate-limit=0"));
        Map<String, String> env = new HashMap<>();
        for (Object e : (List<Object>) c.get("env")) {
            env.put((String) ((Map<String, Object>) e).get("name"), (String) ((Map<String, Object>) e).get("value"));
        }
        assertEquals("eks,gke", env.get("AICR_ALLOWED_SERVICES"));
        assertEquals("8080", env.get("PORT"));
        assertEquals("30", env.get("SHUTDOWN_TIMEOUT_SECONDS"));
        assertFalse(env.containsKey("AICR_ALLOWED_OS"));
    }
}
