package aicr.bundle.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aicr.io.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Install-time splits and the reference's quirks (spec §4.7). */
class ValueSplitTest {
    private static Map<String, Object> json(String s) {
        return Values.mapOf(aicr.io.YamlReader.parse(s));
    }

    @Test
    void movesValuesAndLeavesEmptyParents() {
        ValueSplit s = ValueSplit.of(json("{\"only\":{\"x\":1},\"keep\":2}"), List.of("only.x", "missing.y"));
        assertEquals(json("{\"only\":{},\"keep\":2}"), s.statics());
        assertEquals(json("{\"only\":{\"x\":1},\"missing\":{\"y\":\"\"}}"), s.dynamic());
    }

    @Test
    void aPathGivenTwiceEndsUpEmpty() {
        ValueSplit s = ValueSplit.of(json("{\"replicaCount\":2}"), List.of("replicaCount", "replicaCount"));
        assertEquals(json("{}"), s.statics());
        assertEquals(json("{\"replicaCount\":\"\"}"), s.dynamic());
    }

    @Test
    void nonMapIntermediateCountsAsAbsent() {
        ValueSplit s = ValueSplit.of(json("{\"a\":\"text\"}"), List.of("a.b"));
        assertEquals(json("{\"a\":\"text\"}"), s.statics());
        assertEquals(json("{\"a\":{\"b\":\"\"}}"), s.dynamic());
    }

    @Test
    void originalValuesAreNotChanged() {
        Map<String, Object> v = json("{\"a\":{\"b\":1}}");
        ValueSplit.of(v, List.of("a.b"));
        assertEquals(json("{\"a\":{\"b\":1}}"), v);
    }
}
