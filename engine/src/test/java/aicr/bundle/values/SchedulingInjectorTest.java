package aicr.bundle.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aicr.bundle.options.Scheduling;
import aicr.bundle.options.Taint;
import aicr.bundle.options.Toleration;
import aicr.io.Node;
import aicr.io.Values;
import aicr.io.YamlReader;
import aicr.recipe.ComponentConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scheduling injection at registry paths with the opt-out / append / replace policy (spec §4.4). */
class SchedulingInjectorTest {
    static final ComponentConfig NFD = config("""
            name: nfd
            nodeScheduling:
              system:
                nodeSelectorPaths: [master.nodeSelector]
                tolerationPaths: [master.tolerations, worker.tolerations]
              accelerated:
                nodeSelectorPaths: [worker.nodeSelector]
                tolerationPaths: [worker.tolerations]
                taintStrPaths: [gate.taint]
              nodeCountPaths: [estimatedNodes]
            storageClassPaths: [pvc.storageClassName]
            """);

    private static ComponentConfig config(String yaml) {
        try {
            java.lang.reflect.Method decode = ComponentConfig.class.getDeclaredMethod("decode", Node.MapNode.class);
            decode.setAccessible(true);
            return (ComponentConfig) decode.invoke(null, (Node.MapNode) YamlReader.parse(yaml));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(String s) {
        return Values.mapOf(aicr.io.YamlReader.parse(s));
    }

    private static Map<String, Object> inject(Scheduling s, Map<String, Object> values, Map<String, Object> overrides,
                                              Map<String, String> set, List<String> dynamic) {
        SchedulingInjector.Policy p = SchedulingInjector.policy(NFD, overrides, set, dynamic);
        new SchedulingInjector(s).inject("nfd", NFD, values, p, set);
        return values;
    }

    @Test
    void defaultsTolerateEverythingAndAcceleratedWinsSharedPaths() {
        Scheduling s = new Scheduling(Map.of(), Toleration.TOLERATE_ALL, Map.of(),
                Toleration.parseAll(List.of("nvidia.com/gpu=present:NoSchedule")), null, Map.of(), 0, "");
        Map<String, Object> v = inject(s, new LinkedHashMap<>(), null, Map.of(), List.of());
        assertEquals(json("{\"master\":{\"tolerations\":[{\"operator\":\"Exists\"}]},\"worker\":{\"tolerations\":"
                + "[{\"key\":\"nvidia.com/gpu\",\"operator\":\"Equal\",\"value\":\"present\",\"effect\":\"NoSchedule\"}]}}"), v);
    }

    @Test
    void emptyOverlayOptsOutAndNonEmptyOverlayAppends() {
        Map<String, Object> overrides = json("{\"master\":{\"tolerations\":[]},\"worker\":{\"tolerations\":[{\"key\":\"k\"}]}}");
        Map<String, Object> values = json("{\"master\":{\"tolerations\":[]},\"worker\":{\"tolerations\":[{\"key\":\"k\"}]}}");
        Scheduling s = new Scheduling(Map.of(), Toleration.TOLERATE_ALL, Map.of(), Toleration.TOLERATE_ALL, null, Map.of(), 0, "");
        inject(s, values, overrides, Map.of(), List.of());
        // worker.tolerations is both a system and an accelerated path: in append mode both lists are appended
        assertEquals(json("{\"master\":{\"tolerations\":[]},\"worker\":{\"tolerations\":[{\"key\":\"k\"},"
                + "{\"operator\":\"Exists\"},{\"operator\":\"Exists\"}]}}"), values);
    }

    @Test
    void selectorReplacesSetKeysAndDynamicPathsStayEmpty() {
        Map<String, Object> values = json("{\"master\":{\"nodeSelector\":{\"x\":\"y\"}}}");
        Scheduling s = new Scheduling(Map.of("role", "system"), List.of(), Map.of("gpu", "true"), List.of(), null,
                Map.of(), 0, "");
        inject(s, values, null, Map.of("master.nodeSelector.x", "y"), List.of("worker.nodeSelector"));
        assertEquals(json("{\"master\":{\"nodeSelector\":{\"role\":\"system\"}}}"), values);
    }

    @Test
    void gateNodesAndStorageClassUseTheScalarWriter() {
        Scheduling s = new Scheduling(Map.of(), List.of(), Map.of(), List.of(), Taint.parse("skyhook/x=true:NoSchedule"),
                Map.of(), 8, "gp3");
        Map<String, Object> v = inject(s, new LinkedHashMap<>(), null, Map.of(), List.of());
        assertEquals(json("{\"gate\":{\"taint\":\"skyhook/x=true:NoSchedule\"},\"estimatedNodes\":8,"
                + "\"pvc\":{\"storageClassName\":\"gp3\"}}"), v);
    }

    @Test
    void storageClassSkipsPathsSetExplicitly() {
        Scheduling s = new Scheduling(Map.of(), List.of(), Map.of(), List.of(), null, Map.of(), 0, "gp3");
        Map<String, Object> v = inject(s, json("{\"pvc\":{\"storageClassName\":\"fast\"}}"), null,
                Map.of("pvc.storageClassName", "fast"), List.of());
        assertEquals(json("{\"pvc\":{\"storageClassName\":\"fast\"}}"), v);
    }

    @Test
    void failedScalarInjectionIsOnlyLogged() {
        Scheduling s = new Scheduling(Map.of(), List.of(), Map.of(), List.of(), null, Map.of(), 3, "");
        Map<String, Object> v = inject(s, json("{\"estimatedNodes\":1}"), null, Map.of(), List.of());
        assertEquals(json("{\"estimatedNodes\":3}"), v);
        Map<String, Object> blocked = inject(new Scheduling(Map.of(), List.of(), Map.of(), List.of(), null, Map.of(), 0, "x"),
                json("{\"pvc\":\"text\"}"), null, Map.of(), List.of());
        assertEquals(json("{\"pvc\":\"text\"}"), blocked);
    }
}
