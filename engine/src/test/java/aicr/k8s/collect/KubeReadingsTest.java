package aicr.k8s.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The cluster collectors' encodings (spec §2.2, §2.6) without a cluster. */
class KubeReadingsTest {
    @Test
    void providersMapToServices() {
        assertEquals("eks", KubeReadings.provider("aws:///us-east-1a/i-1"));
        assertEquals("gke", KubeReadings.provider("gce://p/z/n"));
        assertEquals("aks", KubeReadings.provider("azure:///sub/x"));
        assertEquals("oke", KubeReadings.provider("ocid1.instance.oc1"));
        assertEquals("lke", KubeReadings.provider("linode://123"));
        assertEquals("kind", KubeReadings.provider("kind://docker/kind/node"));
    }

    @Test
    void imagesAreNameToTag() {
        Map<String, String> v = new TreeMap<>();
        KubeReadings.record(v, "nvcr.io/nvidia/gpu-operator:v25.3.0");
        KubeReadings.record(v, "registry.k8s.io/pause");
        KubeReadings.record(v, "ghcr.io/x/driver:550.1@sha256:abc");
        KubeReadings.record(v, "localhost:5000/img");
        assertEquals(Map.of("gpu-operator", "v25.3.0", "pause", "latest", "driver", "550.1", "img", "latest"), v);
    }

    @Test
    void policySpecsFlattenToStrings() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("driver", Map.of("enabled", true, "version", "580.1"));
        spec.put("replicas", 3);
        spec.put("ratio", 1.5);
        spec.put("big", 10000000.0);
        spec.put("args", List.of("a", Map.of("k", 1)));
        spec.put("empty", List.of());
        spec.put("nothing", null);
        Map<String, Reading> out = new TreeMap<>();
        KubeReadings.flatten(spec, "", out);
        Map<String, String> text = new TreeMap<>();
        out.forEach((k, r) -> text.put(k, r.text()));
        assertEquals(Map.of("driver.enabled", "true", "driver.version", "580.1", "replicas", "3", "ratio", "1.5",
                "big", "1e+07", "args", "[\"a\",{\"k\":1}]", "nothing", "<nil>"), text);
    }

    @Test
    void topologyGroupsLabelsAndTaints() {
        KubeReadings.Topology t = new KubeReadings.Topology();
        for (String n : List.of("n3", "n1", "n2")) {
            t.add(new NodeBuilder().withNewMetadata().withName(n).addToLabels("zone", n.equals("n3") ? "b" : "a")
                    .addToLabels("gpu", "yes").endMetadata().withNewSpec().addNewTaint().withKey("dedicated")
                    .withEffect(n.equals("n1") ? "NoExecute" : "NoSchedule").withValue("gpu").endTaint().endSpec().build());
        }
        Measurement m = t.measurement(1);
        Map<String, String> labels = new TreeMap<>();
        m.subtype("label").data().forEach((k, r) -> labels.put(k, r.text()));
        assertEquals(Map.of("gpu", "yes|n1 (+2 more)", "zone.a", "a|n1 (+1 more)", "zone.b", "b|n3"), labels);
        Map<String, String> taints = new TreeMap<>();
        m.subtype("taint").data().forEach((k, r) -> taints.put(k, r.text()));
        assertEquals(Map.of("dedicated.NoExecute", "gpu|n1", "dedicated.NoSchedule", "gpu|n2 (+1 more)"), taints);
        assertEquals(3L, m.subtype("summary").data().get("node-count").value());
        assertEquals(2L, m.subtype("summary").data().get("taint-count").value());
        assertEquals(3L, m.subtype("summary").data().get("label-count").value());
    }
}
