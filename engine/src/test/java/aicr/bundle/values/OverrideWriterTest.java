package aicr.bundle.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.io.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverrideWriterTest {
    private static Map<String, Object> json(String s) {
        return Values.mapOf(aicr.io.YamlReader.parse(s));
    }

    @Test
    void scalarOverridesCreateMapsAndTypeValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, String> set = new LinkedHashMap<>();
        set.put("driver.version", "580.1.2");
        set.put("replicas", "2");
        set.put("a.b.c", "true");
        OverrideWriter.applyScalar(v, set);
        assertEquals(json("{\"driver\":{\"version\":\"580.1.2\"},\"replicas\":2,\"a\":{\"b\":{\"c\":true}}}"), v);
    }

    @Test
    void nonMapIntermediateIsReportedForEveryFailingPath() {
        Map<String, Object> v = json("{\"driver\":{\"version\":\"1\"},\"n\":null}");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("driver.version.x", "1");
        set.put("n.y", "2");
        AicrException e = assertThrows(AicrException.class, () -> OverrideWriter.applyScalar(v, set));
        String m = e.render();
        assertTrue(m.contains("n.y=2: [INVALID_REQUEST] failed to resolve override path: [INVALID_REQUEST] path segment "
                + "\"n\" exists but is not a map (type: <nil>)"), m);
        assertTrue(m.contains("driver.version.x=1: [INVALID_REQUEST] failed to resolve override path: [INVALID_REQUEST] "
                + "path segment \"version\" exists but is not a map (type: string)"), m);
    }

    @Test
    void typedObjectsMergeAndDropNullsWhileListsReplace() {
        Map<String, Object> v = json("{\"sel\":{\"a\":\"1\",\"b\":\"2\"},\"list\":[1,2],\"s\":\"x\"}");
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("sel", json("{\"b\":null,\"c\":\"3\"}"));
        typed.put("list", List.of("z"));
        typed.put("s", json("{\"z\":null}"));
        typed.put("fresh", json("{\"a\":null,\"b\":{\"c\":null}}"));
        typed.put("bare", null);
        OverrideWriter.applyTyped(v, typed);
        Map<String, Object> expected = json("{\"sel\":{\"a\":\"1\",\"c\":\"3\"},\"list\":[\"z\"],\"s\":{},"
                + "\"fresh\":{\"b\":{}},\"bare\":null}");
        assertEquals(expected, v);
    }

    @Test
    void typedFailuresAreCollected() {
        Map<String, Object> v = json("{\"a\":1,\"b\":\"x\"}");
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("a.x", 1L);
        typed.put("b.y", 2L);
        AicrException e = assertThrows(AicrException.class, () -> OverrideWriter.applyTyped(v, typed));
        assertTrue(e.render().startsWith("[INVALID_REQUEST] failed to apply typed overrides: a.x: "), e.render());
        assertTrue(e.render().contains("; b.y: "), e.render());
    }

    @Test
    void pathsApplyShallowFirst() {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("a.b", 1L);
        typed.put("a", json("{\"c\":2}"));
        OverrideWriter.applyTyped(v, typed);
        assertEquals(json("{\"a\":{\"c\":2,\"b\":1}}"), v);
    }
}
